package dev.prodev.shop.notification.privacy;

import dev.prodev.shop.messaging.ops.ChunkedUpdate;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Personal data past its retention (issue #12): sent email deliveries lose their address, subject
 * and text after {@code shop.retention.sent-deliveries} (the row stays for the delivery metrics and
 * support: which notification, when, how many attempts), and in-app notifications the user has read
 * are deleted after {@code shop.retention.read-notifications}. Unread ones stay until read or until
 * the account is deleted. One replica at a time (ShedLock), in chunks so no statement holds locks long.
 */
@Component
public class PersonalDataRetention {

    static final String LOCK = "notification.personal-data-retention";
    static final String REDACTED = "[redacted]";

    private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);

    private final JdbcTemplate jdbc;
    private final RetentionProperties retention;

    PersonalDataRetention(JdbcTemplate jdbc, RetentionProperties retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Scheduled(
            fixedDelayString = "${shop.retention.interval:1h}",
            initialDelayString = "${shop.retention.initial-delay:5m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
    public void apply() {
        int deliveries = ChunkedUpdate.untilDone(
                jdbc, """
                update delivery set address = ?, subject = ?, text_body = '', html_body = '', last_error = null,
                                    redacted_at = now()
                 where id in (select id from delivery
                               where redacted_at is null and status in ('SENT', 'DEAD')
                                 and coalesce(sent_at, created_at) < now() - ? * interval '1 second' limit ?)""", REDACTED, REDACTED, retention.sentDeliveries().toSeconds());
        int notifications =
                ChunkedUpdate.untilDone(jdbc, """
                delete from notification where id in (select id from notification
                 where read_at is not null and read_at < now() - ? * interval '1 second' limit ?)""", retention.readNotifications().toSeconds());
        if (deliveries + notifications > 0) {
            log.info(
                    "retention redacted {} sent email deliver(ies) and deleted {} read notification(s)",
                    deliveries,
                    notifications);
        }
    }
}
