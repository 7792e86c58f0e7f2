package dev.prodev.shop.messaging.outbox;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.EventTypes;
import dev.prodev.shop.messaging.Outbox;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Outbox} on the service's own database: one row per event in the caller's transaction,
 * with the W3C {@code traceparent} of the current span so the relay can continue the trace.
 */
public class JdbcOutbox implements Outbox {

    private static final String INSERT = """
            insert into outbox (id, topic, event_key, type, payload, traceparent, occurred_at)
            values (?, ?, ?, ?, ?::jsonb, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Tracer tracer;
    private final boolean validate;
    private final Runnable wakeRelay;

    public JdbcOutbox(JdbcTemplate jdbc, JsonMapper json, Tracer tracer, boolean validate, Runnable wakeRelay) {
        this.jdbc = jdbc;
        this.json = json;
        this.tracer = tracer;
        this.validate = validate;
        this.wakeRelay = wakeRelay;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, String type, Object data) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        var payload = json.writeValueAsBytes(data);
        if (validate) {
            // an event that breaks its contract would be poison for every consumer: fail the business transaction
            // instead
            var definition = EventTypes.of(type);
            if (!definition.topic().equals(topic)) {
                throw new IllegalArgumentException(type + " travels on " + definition.topic() + ", not on " + topic);
            }
            EventSchemas.requireValid(type, payload);
        }
        jdbc.update(
                INSERT,
                UUID.randomUUID(),
                topic,
                key,
                type,
                new String(payload, StandardCharsets.UTF_8),
                Traceparent.current(tracer),
                OffsetDateTime.now(ZoneOffset.UTC));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeRelay.run();
                }
            });
        }
    }
}
