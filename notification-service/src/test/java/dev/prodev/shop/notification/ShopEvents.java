package dev.prodev.shop.notification;

import dev.prodev.shop.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Publishes events the way the other services' outbox relays do: CloudEvents binary mode, JSON data. */
record ShopEvents(KafkaTemplate<Object, Object> kafka, JsonMapper json) {

    /** Publishes {@code data} as a new event; returns its CloudEvents id. */
    String publish(String topic, String key, String type, Object data) {
        var id = UUID.randomUUID().toString();
        publish(id, topic, key, type, data);
        return id;
    }

    /** Publishes with a given id, e.g. to redeliver the same event. */
    void publish(String id, String topic, String key, String type, Object data) {
        var record = new ProducerRecord<Object, Object>(topic, key, json.writeValueAsString(data));
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", Topics.owner(topic)); // consumers accept a topic's events from its owner only
        header(record, "ce_specversion", "1.0");
        header(record, "ce_subject", key);
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        try {
            kafka.send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException("cannot publish " + type, ex);
        }
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
