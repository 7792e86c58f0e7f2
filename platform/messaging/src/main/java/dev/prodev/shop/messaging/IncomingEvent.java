package dev.prodev.shop.messaging;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.EventTypes;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A CloudEvent read from a Kafka record in binary mode: the {@code ce_*} headers and the JSON data.
 *
 * @param id {@code ce_id}, unique per event (the inbox key)
 * @param type {@code ce_type}, e.g. {@code shop.stock.reserve.v1}
 * @param source {@code ce_source}, the producing service
 * @param subject {@code ce_subject}, the aggregate id
 * @param time {@code ce_time}, when the event happened
 * @param key the Kafka record key (the aggregate id)
 * @param data the JSON data as sent
 */
public record IncomingEvent(
        String id, String type, String source, String subject, Instant time, String key, byte[] data) {

    /** Boot 4's default mapper settings (Jackson 3): unknown properties are ignored, so additive changes are safe. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Reads the CloudEvent of {@code record}.
     *
     * @throws UnreadableEventException when the record is not a binary-mode CloudEvent (dead-lettered at once)
     */
    public static IncomingEvent from(ConsumerRecord<String, byte[]> record) {
        try {
            var event = KafkaMessageFactory.createReader(record).toEvent();
            var data = event.getData() == null ? new byte[0] : event.getData().toBytes();
            return new IncomingEvent(
                    event.getId(),
                    event.getType(),
                    event.getSource() == null ? null : event.getSource().toString(),
                    event.getSubject(),
                    event.getTime() == null ? null : event.getTime().toInstant(),
                    record.key(),
                    data);
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException ex) {
            throw new UnreadableEventException(
                    "record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " is not a CloudEvent: " + ex.getMessage(),
                    ex);
        }
    }

    /**
     * The data as {@code dataClass}, after checking it against the type's JSON Schema as a consumer
     * reads it: unknown properties are tolerated (a producer may add a field within a version),
     * everything else the schema says is enforced.
     *
     * @throws dev.prodev.shop.events.InvalidEventException when it breaks the contract (dead-lettered at once)
     * @throws UnreadableEventException when it cannot be mapped to {@code dataClass}
     */
    public <T> T data(Class<T> dataClass) {
        if (EventTypes.isKnown(type)) {
            EventSchemas.requireValidIncoming(type, data);
        }
        try {
            return JSON.readValue(data, dataClass);
        } catch (JacksonException ex) {
            throw new UnreadableEventException(
                    "data of event " + id + " (" + type + ") is not a " + dataClass.getSimpleName() + ": "
                            + ex.getOriginalMessage(),
                    ex);
        }
    }
}
