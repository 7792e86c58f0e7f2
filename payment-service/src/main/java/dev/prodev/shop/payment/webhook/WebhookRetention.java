package dev.prodev.shop.payment.webhook;

import dev.prodev.shop.messaging.ops.ChunkedUpdate;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes webhook log rows older than {@code shop.retention.webhook-log} (default 90 days). The log is
 * the duplicate check and the reconciliation trail; past the provider's retry window and our
 * reconciliation it only grows (issue #12). The payment rows keep the outcome. One replica at a
 * time (ShedLock), in chunks so no delete holds locks for long.
 */
@Component
class WebhookRetention {

    static final String LOCK = "payment.webhook-retention";

    private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    WebhookRetention(JdbcTemplate jdbc, @Value("${shop.retention.webhook-log:90d}") Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Scheduled(
            fixedDelayString = "${shop.retention.interval:1h}",
            initialDelayString = "${shop.retention.initial-delay:5m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
    public void purge() {
        int total = ChunkedUpdate.untilDone(jdbc, """
                delete from webhook_event where id in (select id from webhook_event
                 where received_at < now() - ? * interval '1 second' limit ?)""", retention.toSeconds());
        if (total > 0) {
            log.info("webhook retention deleted {} webhook log row(s) older than {}", total, retention);
        }
    }
}
