package dev.prodev.shop.messaging.deadletter;

import dev.prodev.shop.messaging.ops.ChunkedUpdate;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code dead_letter} table: this service's dead letters, recorded as they happen, with
 * everything needed to republish the original record (value and original headers). Payloads carry
 * personal data, so they are redacted on erasure ({@link #redactPayloadsMentioning}) and after
 * {@code shop.retention.dead-letter-payloads} ({@link #redactPayloadsOlderThan}, run by
 * {@code MessagingCleanup}); a redacted dead letter keeps its row but can no longer be redriven.
 */
public class DeadLetterStore {

    /** Which dead letters to list. */
    public enum Status {
        OPEN,
        REDRIVEN,
        ALL
    }

    /** The original record, ready to be published again. */
    public record Original(String topic, String key, byte[] value, List<Header> headers) {}

    private static final String COLUMNS = """
            id, consumer_group, topic, partition, "offset", record_key, event_id, event_type, exception, message,
            payload, dead_lettered_at, redriven_at, redrive_count""";

    /** Shorter subjects would redact by accident (a two-letter id matches half the table). */
    private static final int MIN_SUBJECT_LENGTH = 3;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public DeadLetterStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a dead letter once per (group, topic, partition, offset), however often the recoverer runs. */
    public void record(String group, ConsumerRecord<?, ?> record, Throwable error) {
        var headers = new ArrayList<Map<String, String>>();
        for (var header : record.headers()) {
            var entry = new LinkedHashMap<String, String>();
            entry.put("name", header.key());
            entry.put(
                    "value", header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
            headers.add(entry);
        }
        var value = record.value() instanceof byte[] bytes
                ? bytes
                : record.value() == null ? null : String.valueOf(record.value()).getBytes(StandardCharsets.UTF_8);
        jdbc.update(
                """
                insert into dead_letter (id, consumer_group, topic, partition, "offset", record_key, headers, payload,
                                         event_id, event_type, exception, message)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                on conflict (consumer_group, topic, partition, "offset") do nothing""",
                UUID.randomUUID(),
                group,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key() == null ? null : String.valueOf(record.key()),
                json.writeValueAsString(headers),
                value,
                header(record, "ce_id"),
                header(record, "ce_type"),
                error.getClass().getName(),
                truncate(error.getMessage(), 2000));
    }

    public List<DeadLetter> list(Status status, int page, int size) {
        return jdbc.query(
                "select " + COLUMNS + " from dead_letter" + where(status)
                        + " order by dead_lettered_at desc, id limit ? offset ?",
                this::map,
                size,
                (long) page * size);
    }

    public long count(Status status) {
        var count = jdbc.queryForObject("select count(*) from dead_letter" + where(status), Long.class);
        return count == null ? 0 : count;
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from dead_letter where id = ?", this::map, id).stream()
                .findFirst();
    }

    public Optional<Original> original(UUID id) {
        return jdbc
                .query(
                        "select topic, record_key, payload, headers::text as headers from dead_letter where id = ?",
                        (rs, n) -> new Original(
                                rs.getString("topic"),
                                rs.getString("record_key"),
                                rs.getBytes("payload"),
                                headers(rs.getString("headers"))),
                        id)
                .stream()
                .findFirst();
    }

    /**
     * Claims the dead letter for a redrive; {@code false} when it is already redriven (or being redriven), or
     * its payload was redacted (there is nothing left to publish).
     */
    public boolean claimRedrive(UUID id) {
        return jdbc.update("""
                update dead_letter set redriven_at = clock_timestamp(), redrive_count = redrive_count + 1
                 where id = ? and redriven_at is null and payload_redacted_at is null""", id) == 1;
    }

    /**
     * Erasure (GDPR): redacts the payload, and the error message, of every dead letter whose payload or
     * message mentions one of {@code subjects} (a customer id, an email address; case-insensitive for
     * ASCII). The row stays, so the admin still sees that something failed, where and why. Blank subjects
     * are ignored: they would match everything.
     *
     * @return how many dead letters were redacted
     */
    public int redactPayloadsMentioning(String... subjects) {
        int redacted = 0;
        for (var subject : subjects) {
            if (subject == null || subject.strip().length() < MIN_SUBJECT_LENGTH) {
                continue;
            }
            var needle = subject.strip();
            // bytea match for the exact bytes; lower(encode(.., 'escape')) for a differently cased ASCII address
            redacted += jdbc.update("""
                    update dead_letter set payload = null, message = null, payload_redacted_at = now()
                     where payload_redacted_at is null
                       and (position(convert_to(?, 'UTF8') in payload) > 0
                            or strpos(lower(encode(payload, 'escape')), lower(?)) > 0
                            or strpos(lower(message), lower(?)) > 0)""", needle, needle, needle);
        }
        return redacted;
    }

    /**
     * Retention: redacts the payload of dead letters older than {@code retention}, in chunks, keeping the rows
     * (what failed, where, when and why). A payload may carry names and email addresses, and an old dead
     * letter is not going to be redriven.
     *
     * @return how many dead letters were redacted
     */
    public int redactPayloadsOlderThan(java.time.Duration retention) {
        return ChunkedUpdate.untilDone(jdbc, """
                update dead_letter set payload = null, payload_redacted_at = now()
                 where id in (select id from dead_letter
                               where payload_redacted_at is null
                                 and dead_lettered_at < now() - ? * interval '1 second' limit ?)""", retention.toSeconds());
    }

    private List<Header> headers(String text) {
        var result = new ArrayList<Header>();
        for (var entry : json.readValue(text, new TypeReference<List<Map<String, String>>>() {})) {
            var value = entry.get("value");
            result.add(new RecordHeader(
                    entry.get("name"),
                    value == null ? null : Base64.getDecoder().decode(value)));
        }
        return result;
    }

    private static String where(Status status) {
        return switch (status) {
            case OPEN -> " where redriven_at is null";
            case REDRIVEN -> " where redriven_at is not null";
            case ALL -> "";
        };
    }

    private DeadLetter map(ResultSet rs, int row) throws SQLException {
        var payload = rs.getBytes("payload");
        var redriven = rs.getObject("redriven_at", OffsetDateTime.class);
        return new DeadLetter(
                rs.getObject("id", UUID.class),
                rs.getString("consumer_group"),
                rs.getString("topic"),
                rs.getInt("partition"),
                rs.getLong("offset"),
                rs.getString("record_key"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("exception"),
                rs.getString("message"),
                payload == null ? null : new String(payload, StandardCharsets.UTF_8),
                rs.getObject("dead_lettered_at", OffsetDateTime.class).toInstant(),
                redriven == null ? null : redriven.toInstant(),
                rs.getInt("redrive_count"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
