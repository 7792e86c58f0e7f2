package dev.prodev.shop.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relay's SQL on the {@code outbox} table: which buckets this replica may work on, which rows
 * are due, and marking them sent or failed. Kept apart from publishing so the queries can be read
 * (and changed) in one place.
 *
 * <p>Keys are hashed into {@code buckets}; a round holds a transaction advisory lock per bucket it
 * works on, so one key has one publisher at a time; rows are taken {@code FOR UPDATE SKIP LOCKED}.
 * All methods but {@link #untilNextRetry()} must run inside the round's transaction.
 */
class OutboxStore {

    /** Advisory-lock namespace of the relay's buckets ("SHOP"). */
    static final int LOCK_NAMESPACE = 0x53484f50;

    private static final String LOCK_BUCKETS = """
            select b from generate_series(0, ? - 1) as b where pg_try_advisory_xact_lock(?, b)""";

    private static final String SELECT_BATCH = """
            select o.id, o.topic, o.event_key, o.type, o.payload::text as payload, o.traceparent, o.occurred_at, o.attempts
              from outbox o
             where o.published_at is null
               and o.parked_at is null
               and o.next_attempt_at <= now()
               and ((hashtext(o.topic || '/' || o.event_key) & 2147483647) % ?) = any (?::int[])
               and not exists (select 1 from outbox e
                                where e.published_at is null and e.topic = o.topic and e.event_key = o.event_key
                                  and e.seq < o.seq and (e.next_attempt_at > now() or e.parked_at is not null))
             order by o.seq
             limit ?
               for update of o skip locked""";

    private static final String MARK_SENT = """
            update outbox set published_at = clock_timestamp(), attempts = attempts + 1, last_error = null where id = ?""";

    /** The attempt that reaches {@code max-attempts} parks the row instead of scheduling another. */
    private static final String MARK_FAILED = """
            update outbox set attempts = attempts + 1, last_error = ?,
                   next_attempt_at = clock_timestamp() + ? * interval '1 millisecond',
                   parked_at = case when attempts + 1 >= ? then clock_timestamp() end
             where id = ?""";

    private static final String UNTIL_NEXT_RETRY = """
            select ceil(extract(epoch from (min(next_attempt_at) - clock_timestamp())) * 1000)::bigint
              from outbox where published_at is null and parked_at is null""";

    private final JdbcTemplate jdbc;
    private final int buckets;
    private final int batchSize;
    private final int maxAttempts;

    OutboxStore(JdbcTemplate jdbc, int buckets, int batchSize, int maxAttempts) {
        this.jdbc = jdbc;
        this.buckets = buckets;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
    }

    /** A failed publish: the row, why, and how long until its next attempt. */
    record Failure(UUID id, String error, Duration retryIn) {}

    /** The due rows, oldest first, of the buckets this transaction could lock (none when another replica holds all). */
    List<OutboxRow> lockDueRows() {
        var owned = jdbc.queryForList(LOCK_BUCKETS, Integer.class, buckets, LOCK_NAMESPACE);
        if (owned.isEmpty()) {
            return List.of();
        }
        var literal = owned.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        return jdbc.query(
                SELECT_BATCH,
                (rs, n) -> new OutboxRow(
                        rs.getObject("id", UUID.class),
                        rs.getString("topic"),
                        rs.getString("event_key"),
                        rs.getString("type"),
                        rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                        rs.getString("traceparent"),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts")),
                buckets,
                literal,
                batchSize);
    }

    /**
     * Marks rows sent. The round's commit does not wait for the WAL flush: a mark lost in a database
     * crash only publishes the row again, with the same {@code ce_id}, which consumers' inboxes drop
     * (ADR 0020). Failures keep the synchronous commit (their backoff and parking must hold).
     */
    void markSent(List<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.execute("set local synchronous_commit = off");
            jdbc.batchUpdate(
                    MARK_SENT, ids.stream().map(id -> new Object[] {id}).toList());
        }
    }

    /** Whether the failure that made {@code attempts} parks the row (no more retries until an admin acts). */
    boolean parks(int attempts) {
        return attempts >= maxAttempts;
    }

    void markFailed(List<Failure> failures) {
        if (!failures.isEmpty()) {
            jdbc.batchUpdate(
                    MARK_FAILED,
                    failures.stream()
                            .map(f -> new Object[] {f.error(), f.retryIn().toMillis(), maxAttempts, f.id()})
                            .toList());
        }
    }

    /** Time until the earliest unpublished row is due (negative when overdue), empty when none is waiting. */
    Optional<Duration> untilNextRetry() {
        return Optional.ofNullable(jdbc.queryForObject(UNTIL_NEXT_RETRY, Long.class))
                .map(Duration::ofMillis);
    }
}
