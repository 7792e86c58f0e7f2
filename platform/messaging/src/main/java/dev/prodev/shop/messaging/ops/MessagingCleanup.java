package dev.prodev.shop.messaging.ops;

import dev.prodev.shop.messaging.ShopMessagingProperties;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deletes published outbox rows and inbox entries past their retention, and redacts dead-letter
 * payloads older than {@code shop.retention.dead-letter-payloads} (default {@value #DEFAULT_DEAD_LETTER_PAYLOADS};
 * the row stays, see {@link DeadLetterStore#redactPayloadsOlderThan}), on one replica at a time
 * (ShedLock, lock {@value #LOCK}). Runs on its own scheduler so the library does not switch on
 * {@code @EnableScheduling} for the whole service; works in chunks to keep locks short.
 *
 * <p>The dead-letter retention is read from the environment under {@code shop.retention.*}, beside
 * the services' own retention settings (docs/data-retention.md), not under {@code shop.messaging.cleanup}.
 */
public class MessagingCleanup implements SmartLifecycle, EnvironmentAware {

    public static final String LOCK = "shop-messaging-cleanup";
    /** How long a dead letter keeps its payload unless {@value #DEAD_LETTER_PAYLOADS_PROPERTY} says otherwise. */
    public static final String DEFAULT_DEAD_LETTER_PAYLOADS = "30d";

    public static final String DEAD_LETTER_PAYLOADS_PROPERTY = "shop.retention.dead-letter-payloads";

    private static final Logger log = LoggerFactory.getLogger(MessagingCleanup.class);

    /** What a run removed (outbox rows, inbox entries) and redacted (dead-letter payloads). */
    public record Result(int outboxRows, int inboxRows, int deadLetterPayloads) {}

    private final JdbcTemplate jdbc;
    private final DefaultLockingTaskExecutor locks;
    private final ShopMessagingProperties.Cleanup config;
    private final DeadLetterStore deadLetters;
    private Duration deadLetterPayloadRetention = DurationStyle.detectAndParse(DEFAULT_DEAD_LETTER_PAYLOADS);
    private ScheduledExecutorService scheduler;

    public MessagingCleanup(JdbcTemplate jdbc, LockProvider lockProvider, ShopMessagingProperties.Cleanup config) {
        this.jdbc = jdbc;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.config = config;
        // only its redaction is used here, which needs no JSON
        this.deadLetters = new DeadLetterStore(jdbc, JsonMapper.builder().build());
    }

    /** Reads {@value #DEAD_LETTER_PAYLOADS_PROPERTY} (Spring calls this before {@link #start()}). */
    @Override
    public void setEnvironment(Environment environment) {
        Binder.get(environment)
                .bind(DEAD_LETTER_PAYLOADS_PROPERTY, Duration.class)
                .ifBound(retention -> this.deadLetterPayloadRetention = retention);
    }

    /** How long a dead letter keeps its payload. */
    public Duration deadLetterPayloadRetention() {
        return deadLetterPayloadRetention;
    }

    /** One run under the lock; {@code null} when another replica holds it. */
    public Result runOnce() {
        try {
            var result = locks.executeWithLock(
                    this::clean,
                    new LockConfiguration(Instant.now(), LOCK, Duration.ofMinutes(30), Duration.ofSeconds(10)));
            return result.wasExecuted() ? result.getResult() : null;
        } catch (Throwable ex) {
            log.warn("messaging cleanup failed: {}", ex.toString());
            return null;
        }
    }

    private Result clean() {
        int outbox = ChunkedUpdate.untilDone(jdbc, """
                delete from outbox where id in (select id from outbox
                 where published_at is not null and published_at < now() - ? * interval '1 second' limit ?)""", config.outboxRetention().toSeconds());
        int inbox = ChunkedUpdate.untilDone(jdbc, """
                delete from inbox where (consumer, event_id) in (select consumer, event_id from inbox
                 where received_at < now() - ? * interval '1 second' limit ?)""", config.inboxRetention().toSeconds());
        int deadLetterPayloads = deadLetters.redactPayloadsOlderThan(deadLetterPayloadRetention);
        if (outbox + inbox + deadLetterPayloads > 0) {
            log.info(
                    "messaging cleanup removed {} published outbox row(s) and {} inbox entr(ies), redacted {} "
                            + "dead-letter payload(s)",
                    outbox,
                    inbox,
                    deadLetterPayloads);
        }
        return new Result(outbox, inbox, deadLetterPayloads);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("messaging-cleanup").factory());
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
