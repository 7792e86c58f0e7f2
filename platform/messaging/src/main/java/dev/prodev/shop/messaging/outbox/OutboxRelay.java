package dev.prodev.shop.messaging.outbox;

import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them sent once the broker
 * acknowledged them. The relay runs the rounds; {@link OutboxStore} holds the SQL (buckets,
 * due rows, marking) and {@link OutboxPublisher} the sending (per-key order, spans).
 *
 * <ul>
 * <li>One loop on a virtual thread, woken right after each commit that appended rows and
 * otherwise every {@code poll-interval}. Only a full batch is followed by another round at once;
 * rows committed during a round have released the wake-up permit, so nothing waits (ADR 0020).</li>
 * <li>A round is one transaction: lock buckets, take due rows, publish them, mark the results.
 * Several replicas share the table through the buckets' advisory locks.</li>
 * <li>Broker failure: nothing is marked sent, failed rows get an exponential backoff, the loop
 * backs off too; nothing is lost. A crash between ack and commit republishes the row with the same
 * {@code ce_id}, which consumers' inboxes drop.</li>
 * <li>Poison row (e.g. larger than the broker accepts): after {@code max-attempts} failed publishes
 * it is parked; its key waits behind it (per-key order), other keys flow, {@code shop_outbox_parked}
 * reports it and admins retry or skip it ({@link ParkedOutboxController}).</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final OutboxPublisher publisher;
    private final TransactionTemplate transactions;
    private final ShopMessagingProperties.Outbox config;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService chainExecutor;
    private volatile boolean running;
    private volatile Thread loop;

    public OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            CloudEventPublisher publisher,
            Tracer tracer,
            ShopMessagingProperties.Outbox config) {
        this.chainExecutor = Executors.newVirtualThreadPerTaskExecutor();
        this.store = new OutboxStore(jdbc, config.buckets(), config.batchSize(), Math.max(config.maxAttempts(), 1));
        this.publisher = new OutboxPublisher(publisher, tracer, config.sendTimeout(), chainExecutor);
        this.transactions = transactions;
        this.config = config;
    }

    /** Asks the loop to look for rows now (called after each commit that appended some). */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** What one round did. */
    public record Round(int selected, int published, int failed) {
        static final Round NOTHING = new Round(0, 0, 0);
    }

    /** Publishes one batch of due rows in a transaction and records the results. */
    public Round publishRound() {
        long started = System.nanoTime();
        var round = transactions.execute(status -> {
            var rows = store.lockDueRows();
            if (rows.isEmpty()) {
                return Round.NOTHING;
            }
            long selected = System.nanoTime();
            var outcomes = publisher.publish(rows);
            if (log.isDebugEnabled()) {
                log.debug(
                        "outbox relay: {} row(s) selected in {} ms, published in {} ms",
                        rows.size(),
                        (selected - started) / 1_000_000,
                        (System.nanoTime() - selected) / 1_000_000);
            }
            var sent = new ArrayList<UUID>();
            var failed = new ArrayList<OutboxStore.Failure>();
            for (var outcome : outcomes) {
                if (outcome.sent()) {
                    sent.add(outcome.row().id());
                } else if (outcome.attempted()) {
                    if (store.parks(outcome.row().attempts() + 1)) {
                        log.error(
                                "outbox relay: event {} ({}, key {}) failed {} times and is parked; later events of its"
                                        + " key wait until an admin retries or skips it: {}",
                                outcome.row().id(),
                                outcome.row().type(),
                                outcome.row().key(),
                                outcome.row().attempts() + 1,
                                describe(outcome.error()));
                    }
                    failed.add(new OutboxStore.Failure(
                            outcome.row().id(),
                            describe(outcome.error()),
                            backoff(outcome.row().attempts() + 1)));
                }
            }
            store.markSent(sent);
            store.markFailed(failed);
            if (!failed.isEmpty()) {
                log.warn(
                        "outbox relay: {} of {} event(s) not published, will retry: {}",
                        failed.size(),
                        rows.size(),
                        failed.getFirst().error());
            }
            return tally(rows.size(), sent.size(), failed.size());
        });
        if (log.isDebugEnabled() && round != null && round.selected() > 0) {
            log.debug("outbox relay round took {} ms: {}", (System.nanoTime() - started) / 1_000_000, round);
        }
        return round == null ? Round.NOTHING : round;
    }

    /** A round with failures also counts the rows it left untried as failed, so the loop backs off. */
    static Round tally(int selected, int sent, int failed) {
        int notTried = selected - sent - failed;
        return new Round(selected, sent, failed + (failed == 0 ? 0 : notTried));
    }

    /** Exponential backoff from {@code retry-initial-interval}, doubling per attempt up to {@code retry-max-interval}. */
    Duration backoff(int attempts) {
        var initial = config.retryInitialInterval().toMillis();
        var exponent = Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(config.retryMaxInterval().toMillis(), initial << exponent));
    }

    /** The root cause's class and message, cut to fit {@code outbox.last_error}. */
    static String describe(Throwable error) {
        if (error == null) {
            return "unknown";
        }
        var root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        var text = root.getClass().getName() + ": " + root.getMessage();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /**
     * How long to sleep when there was nothing to publish: until the next commit wakes us, the
     * earliest retry of a failed row is due, or the poll interval passed (rows committed on
     * another replica), whichever comes first.
     */
    private Duration idleWait() {
        try {
            return idleWait(config.pollInterval(), store.untilNextRetry().orElse(null));
        } catch (RuntimeException ex) {
            return config.pollInterval();
        }
    }

    /** The poll interval, or sooner when a retry is due sooner, but never a busy loop (at least 100 ms or the poll). */
    static Duration idleWait(Duration poll, Duration untilRetry) {
        if (untilRetry == null) {
            return poll;
        }
        var floor = Duration.ofMillis(Math.min(poll.toMillis(), 100));
        var retry = untilRetry.isNegative() ? Duration.ZERO : untilRetry;
        return retry.compareTo(poll) < 0 ? (retry.compareTo(floor) < 0 ? floor : retry) : poll;
    }

    private void loop() {
        int failedRounds = 0;
        while (running) {
            Round round;
            try {
                round = publishRound();
            } catch (RuntimeException ex) {
                log.warn("outbox relay round failed, will retry: {}", ex.toString());
                round = new Round(0, 0, 1);
            }
            try {
                if (round.failed() > 0) {
                    failedRounds++;
                    // a plain sleep: commits must not make the relay hammer a broker that is down
                    Thread.sleep(backoff(failedRounds));
                    continue;
                }
                failedRounds = 0;
                if (round.selected() >= config.batchSize()) {
                    continue; // a full batch: there may be more. Rows committed meanwhile woke us (below).
                }
                if (wakeUp.tryAcquire(idleWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException ex) {
                if (!running) {
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        if (running || !config.relayEnabled()) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("outbox-relay").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        var thread = loop;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        chainExecutor.shutdown();
    }

    /** Stop after the web server and the listener containers, so events appended while they drain are still sent. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
