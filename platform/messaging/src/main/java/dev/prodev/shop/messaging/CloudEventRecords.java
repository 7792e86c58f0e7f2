package dev.prodev.shop.messaging;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.EventTypes;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds Kafka records carrying a CloudEvent 1.0 in binary mode with the CloudEvents SDK:
 * {@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_specversion}, {@code ce_time},
 * {@code ce_subject} (= key), {@code ce_dataschema} (known types) and {@code content-type:
 * application/json} as headers; the JSON data as value; the aggregate id as key.
 */
public final class CloudEventRecords {

    public static final String JSON = "application/json";

    private CloudEventRecords() {}

    public static ProducerRecord<String, byte[]> create(
            String topic, String key, UUID id, String type, String source, Instant time, byte[] json) {
        var builder = CloudEventBuilder.v1()
                .withId(id.toString())
                .withType(type)
                .withSource(URI.create(source))
                .withSubject(key)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(json);
        if (EventTypes.isKnown(type)) {
            builder.withDataSchema(EventSchemas.dataschema(type));
        }
        return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(builder.build());
    }
}
