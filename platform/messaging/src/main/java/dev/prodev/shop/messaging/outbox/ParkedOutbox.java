package dev.prodev.shop.messaging.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Parked outbox rows (failed {@code shop.messaging.outbox.max-attempts} publishes): what admins list,
 * retry (back to the relay with a fresh attempt count) or skip (never published; recorded as such in
 * {@code last_error}, and the later events of its key flow again).
 */
public class ParkedOutbox {

    /** One parked row, without its payload (which may carry personal data). */
    public record ParkedRow(
            UUID id,
            String topic,
            String key,
            String type,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant parkedAt) {}

    private static final RowMapper<ParkedRow> ROW = (rs, n) -> new ParkedRow(
            rs.getObject("id", UUID.class),
            rs.getString("topic"),
            rs.getString("event_key"),
            rs.getString("type"),
            rs.getInt("attempts"),
            rs.getString("last_error"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
            rs.getObject("parked_at", OffsetDateTime.class).toInstant());

    private static final String COLUMNS = "id, topic, event_key, type, attempts, last_error, created_at, parked_at";

    private final JdbcTemplate jdbc;
    private final Runnable wakeRelay;

    public ParkedOutbox(JdbcTemplate jdbc, Runnable wakeRelay) {
        this.jdbc = jdbc;
        this.wakeRelay = wakeRelay;
    }

    /** Parked rows, oldest first. */
    public List<ParkedRow> list(int page, int size) {
        return jdbc.query(
                "select " + COLUMNS + " from outbox where parked_at is not null and published_at is null"
                        + " order by seq limit ? offset ?",
                ROW,
                size,
                (long) page * size);
    }

    public long count() {
        var count = jdbc.queryForObject(
                "select count(*) from outbox where parked_at is not null and published_at is null", Long.class);
        return count == null ? 0 : count;
    }

    public java.util.Optional<ParkedRow> find(UUID id) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from outbox where id = ? and parked_at is not null"
                                + " and published_at is null",
                        ROW,
                        id)
                .stream()
                .findFirst();
    }

    /** Unparks the row for the relay, with a fresh attempt count; false when it is not parked (any more). */
    public boolean retry(UUID id) {
        boolean retried = jdbc.update("""
                update outbox set parked_at = null, attempts = 0, next_attempt_at = now()
                 where id = ? and parked_at is not null and published_at is null""", id) == 1;
        if (retried) {
            wakeRelay.run();
        }
        return retried;
    }

    /**
     * Gives the row up: it is never published and later events of its key flow again. Marked as
     * handled ({@code published_at}, so the cleanup removes it like a sent row) with the reason in
     * {@code last_error}; false when it is not parked (any more).
     */
    public boolean skip(UUID id, String by) {
        boolean skipped = jdbc.update("""
                update outbox set published_at = clock_timestamp(),
                       last_error = 'skipped by ' || ? || ' after: ' || coalesce(last_error, 'unknown')
                 where id = ? and parked_at is not null and published_at is null""", by, id) == 1;
        if (skipped) {
            wakeRelay.run();
        }
        return skipped;
    }
}
