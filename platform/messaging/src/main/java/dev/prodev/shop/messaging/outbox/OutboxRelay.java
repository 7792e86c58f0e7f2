package dev.prodev.shop.messaging.outbox;

import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.messaging.ShopMessagingProperties;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them sent once the broker
 * acknowledged them.
 *
 * <ul>
 * <li>One loop on a virtual thread, woken right after each commit that appended rows and
 * otherwise every {@code poll-interval}.</li>
 * <li>Per-key order: rows of one (topic, key) are sent one after the other, each only after the
 * previous one was acknowledged; after a failure the later rows of that key wait (a row whose
 * earlier sibling is waiting for its retry is not even selected).</li>
 * <li>Several replicas: keys are hashed into {@code buckets}; a relay round holds a transaction
 * advisory lock per bucket it works on, so one key has one publisher at a time; rows are taken
 * {@code FOR UPDATE SKIP LOCKED} in batches.</li>
 * <li>Broker failure: nothing is marked sent, failed rows get an exponential backoff, the loop
 * backs off too; nothing is lost. A crash between ack and commit republishes the row with the same
 * {@code ce_id}, which consumers' inboxes drop.</li>
 * <li>Tracing: each publish runs in a span whose parent is the stored {@code traceparent}, so
 * the Kafka producer span and the consumer after it join the original request's trace.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    static final String TRACEPARENT = "traceparent";

    /** Advisory-lock namespace of the relay's buckets ("SHOP"). */
    static final int LOCK_NAMESPACE = 0x53484f50;

    private static final String LOCK_BUCKETS = """
            select b from generate_series(0, ? - 1) as b where pg_try_advisory_xact_lock(?, b)""";

    private static final String SELECT_BATCH = """
            select o.id, o.topic, o.event_key, o.type, o.payload::text as payload, o.traceparent, o.occurred_at, o.attempts
              from outbox o
             where o.published_at is null
               and o.next_attempt_at <= now()
               and ((hashtext(o.topic || '/' || o.event_key) & 2147483647) % ?) = any (?::int[])
               and not exists (select 1 from outbox e
                                where e.published_at is null and e.topic = o.topic and e.event_key = o.event_key
                                  and e.seq < o.seq and e.next_attempt_at > now())
             order by o.seq
             limit ?
               for update of o skip locked""";

    private static final String MARK_SENT = """
            update outbox set published_at = clock_timestamp(), attempts = attempts + 1, last_error = null where id = ?""";

    private static final String MARK_FAILED = """
            update outbox set attempts = attempts + 1, last_error = ?,
                   next_attempt_at = clock_timestamp() + ? * interval '1 millisecond' where id = ?""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final CloudEventPublisher publisher;
    private final Tracer tracer;
    private final ShopMessagingProperties.Outbox config;
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService chainExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private volatile Thread loop;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, CloudEventPublisher publisher, Tracer tracer,
            ShopMessagingProperties.Outbox config) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.publisher = publisher;
        this.tracer = tracer;
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

    private record Row(UUID id, String topic, String key, String type, byte[] payload, String traceparent,
            Instant occurredAt, int attempts) {
    }

    private static final class Outcome {
        final Row row;
        final AtomicBoolean attempted = new AtomicBoolean();
        CompletableFuture<?> sent;
        Throwable error;
        boolean ok;

        Outcome(Row row) {
            this.row = row;
        }
    }

    /** Publishes one batch of due rows in a transaction and records the results. */
    public Round publishRound() {
        long started = System.nanoTime();
        var round = transactions.execute(status -> {
            var buckets = jdbc.queryForList(LOCK_BUCKETS, Integer.class, config.buckets(), LOCK_NAMESPACE);
            if (buckets.isEmpty()) {
                return Round.NOTHING;
            }
            var owned = buckets.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
            var rows = jdbc.query(SELECT_BATCH, (rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("topic"),
                    rs.getString("event_key"), rs.getString("type"), rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                    rs.getString("traceparent"), rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                    rs.getInt("attempts")), config.buckets(), owned, config.batchSize());
            if (rows.isEmpty()) {
                return Round.NOTHING;
            }
            long selected = System.nanoTime();
            var outcomes = publish(rows);
            if (log.isDebugEnabled()) {
                log.debug("outbox relay: {} row(s) selected in {} ms, published in {} ms", rows.size(),
                        (selected - started) / 1_000_000, (System.nanoTime() - selected) / 1_000_000);
            }
            var sent = new ArrayList<Object[]>();
            var failed = new ArrayList<Object[]>();
            for (var outcome : outcomes) {
                if (outcome.ok) {
                    sent.add(new Object[] { outcome.row.id() });
                }
                else if (outcome.attempted.get()) {
                    failed.add(new Object[] { describe(outcome.error), backoff(outcome.row.attempts() + 1).toMillis(),
                            outcome.row.id() });
                }
            }
            if (!sent.isEmpty()) {
                jdbc.batchUpdate(MARK_SENT, sent);
            }
            if (!failed.isEmpty()) {
                jdbc.batchUpdate(MARK_FAILED, failed);
                log.warn("outbox relay: {} of {} event(s) not published, will retry: {}", failed.size(), rows.size(),
                        failed.getFirst()[0]);
            }
            int notTried = rows.size() - sent.size() - failed.size();
            return new Round(rows.size(), sent.size(), failed.size() + (failed.isEmpty() ? 0 : notTried));
        });
        if (log.isDebugEnabled() && round != null && round.selected() > 0) {
            log.debug("outbox relay round took {} ms: {}", (System.nanoTime() - started) / 1_000_000, round);
        }
        return round == null ? Round.NOTHING : round;
    }

    private List<Outcome> publish(List<Row> rows) {
        var roundOver = new AtomicBoolean();
        var trouble = new AtomicBoolean();
        var tails = new HashMap<String, CompletableFuture<?>>();
        var outcomes = new ArrayList<Outcome>(rows.size());
        for (var row : rows) {
            if (trouble.get()) {
                break; // the broker is failing: leave the rest for the next round instead of piling up timeouts
            }
            var outcome = new Outcome(row);
            var chain = row.topic() + '\u0000' + row.key();
            var previous = tails.get(chain);
            CompletableFuture<?> sent = previous == null ? send(outcome, roundOver)
                    : previous.thenComposeAsync(ignored -> send(outcome, roundOver), chainExecutor);
            sent = sent.whenComplete((result, error) -> {
                if (error != null) {
                    trouble.set(true);
                }
            });
            outcome.sent = sent;
            tails.put(chain, sent);
            outcomes.add(outcome);
        }
        var deadline = System.nanoTime() + config.sendTimeout().plusSeconds(2).toNanos();
        for (var outcome : outcomes) {
            try {
                outcome.sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcome.ok = true;
            }
            catch (ExecutionException ex) {
                outcome.error = ex.getCause();
            }
            catch (TimeoutException ex) {
                outcome.error = ex;
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                outcome.error = ex;
            }
        }
        roundOver.set(true);
        return outcomes;
    }

    private CompletableFuture<?> send(Outcome outcome, AtomicBoolean roundOver) {
        if (roundOver.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("relay round ended before this event's turn"));
        }
        outcome.attempted.set(true);
        var row = outcome.row;
        var span = startSpan(row);
        try (var ignored = tracer.withSpan(span)) {
            var record = CloudEventRecords.create(row.topic(), row.key(), row.id(), row.type(), publisher.source(),
                    row.occurredAt(), row.payload());
            // the trace must survive even where Boot builds no propagator (tracing export off): Spring Kafka's
            // producer observation replaces this header with its own span's when it propagates
            var traceparent = Traceparent.current(tracer);
            traceparent = traceparent != null ? traceparent : row.traceparent();
            if (traceparent != null) {
                record.headers().add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            return publisher.send(record).whenComplete((result, error) -> {
                if (error != null) {
                    span.error(error);
                }
                span.end();
            });
        }
        catch (RuntimeException ex) {
            span.error(ex);
            span.end();
            return CompletableFuture.failedFuture(ex);
        }
    }

    private Span startSpan(Row row) {
        var parent = Traceparent.parse(tracer, row.traceparent());
        var builder = tracer.spanBuilder().name("outbox publish");
        if (parent != null) {
            builder.setParent(parent);
        }
        else {
            builder.setNoParent();
        }
        return builder.tag("messaging.destination.name", row.topic())
                .tag("cloudevents.event_type", row.type())
                .tag("cloudevents.event_id", row.id().toString())
                .start();
    }

    Duration backoff(int attempts) {
        var initial = config.retryInitialInterval().toMillis();
        var exponent = Math.min(Math.max(attempts - 1, 0), 20);
        return Duration.ofMillis(Math.min(config.retryMaxInterval().toMillis(), initial << exponent));
    }

    private static String describe(Throwable error) {
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
        var poll = config.pollInterval();
        try {
            var untilRetry = jdbc.queryForObject("""
                    select ceil(extract(epoch from (min(next_attempt_at) - clock_timestamp())) * 1000)::bigint
                      from outbox where published_at is null""", Long.class);
            if (untilRetry == null) {
                return poll;
            }
            var floor = Duration.ofMillis(Math.min(poll.toMillis(), 100));
            var retry = Duration.ofMillis(Math.max(untilRetry, 0));
            return retry.compareTo(poll) < 0 ? (retry.compareTo(floor) < 0 ? floor : retry) : poll;
        }
        catch (RuntimeException ex) {
            return poll;
        }
    }

    private void loop() {
        int failedRounds = 0;
        while (running) {
            Round round;
            try {
                round = publishRound();
            }
            catch (RuntimeException ex) {
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
                if (round.selected() > 0) {
                    continue; // there may be more
                }
                if (wakeUp.tryAcquire(idleWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            }
            catch (InterruptedException ex) {
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
            }
            catch (InterruptedException ex) {
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
