package dev.prodev.shop.messaging.ops;

import dev.prodev.shop.messaging.ShopMessagingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes published outbox rows and inbox entries past their retention, on one replica at a
 * time (ShedLock, lock {@value #LOCK}). Runs on its own scheduler so the library does not
 * switch on {@code @EnableScheduling} for the whole service; deletes in chunks to keep locks short.
 */
public class MessagingCleanup implements SmartLifecycle {

    public static final String LOCK = "shop-messaging-cleanup";

    private static final Logger log = LoggerFactory.getLogger(MessagingCleanup.class);
    private static final int CHUNK = 5000;

    /** What a run removed. */
    public record Result(int outboxRows, int inboxRows) {
    }

    private final JdbcTemplate jdbc;
    private final DefaultLockingTaskExecutor locks;
    private final ShopMessagingProperties.Cleanup config;
    private ScheduledExecutorService scheduler;

    public MessagingCleanup(JdbcTemplate jdbc, LockProvider lockProvider, ShopMessagingProperties.Cleanup config) {
        this.jdbc = jdbc;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.config = config;
    }

    /** One run under the lock; {@code null} when another replica holds it. */
    public Result runOnce() {
        try {
            var result = locks.executeWithLock(this::clean,
                    new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(30), Duration.ofSeconds(10)));
            return result.wasExecuted() ? result.getResult() : null;
        }
        catch (Throwable ex) {
            log.warn("messaging cleanup failed: {}", ex.toString());
            return null;
        }
    }

    private Result clean() {
        int outbox = deleteInChunks("""
                delete from outbox where id in (select id from outbox
                 where published_at is not null and published_at < now() - ? * interval '1 second' limit ?)""",
                config.outboxRetention());
        int inbox = deleteInChunks("""
                delete from inbox where (consumer, event_id) in (select consumer, event_id from inbox
                 where received_at < now() - ? * interval '1 second' limit ?)""", config.inboxRetention());
        if (outbox + inbox > 0) {
            log.info("messaging cleanup removed {} published outbox row(s) and {} inbox entr(ies)", outbox, inbox);
        }
        return new Result(outbox, inbox);
    }

    private int deleteInChunks(String sql, Duration retention) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(sql, retention.toSeconds(), CHUNK);
            total += deleted;
        }
        while (deleted == CHUNK);
        return total;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("messaging-cleanup").factory());
        var every = config.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
