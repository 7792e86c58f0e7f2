package dev.prodev.shop.order;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.test.TopicReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test plays the other services of the saga: it reads the commands order-service sent
 * (catalog's and payment's inboxes) and answers with CloudEvents built exactly as the
 * messaging library builds them ({@link CloudEventRecords}), passing the trace on like a real,
 * traced participant would.
 */
final class SagaParticipants implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    SagaParticipants(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static boolean is(ConsumerRecord<String, byte[]> record, UUID orderId, String type) {
        return orderId.toString().equals(record.key()) && type.equals(header(record, "ce_type"));
    }

    /** Waits for the command or event {@code type} about {@code orderId} on {@code topic}. */
    ConsumerRecord<String, byte[]> await(String topic, UUID orderId, String type) {
        return TopicReader.await(bootstrapServers, topic, 1, record -> is(record, orderId, type), WAIT)
                .getFirst();
    }

    /** Waits until {@code count} records of {@code type} about {@code orderId} are on {@code topic}. */
    List<ConsumerRecord<String, byte[]>> await(String topic, UUID orderId, String type, int count) {
        return TopicReader.await(bootstrapServers, topic, count, record -> is(record, orderId, type), WAIT);
    }

    /** Every record of {@code type} about {@code orderId} seen on {@code topic} within {@code window}. */
    List<ConsumerRecord<String, byte[]>> all(String topic, UUID orderId, String type, Duration window) {
        return TopicReader.collect(bootstrapServers, topic, record -> is(record, orderId, type), window);
    }

    /** Every record about {@code orderId} on {@code topic} within {@code window}, any type. */
    List<ConsumerRecord<String, byte[]>> all(String topic, UUID orderId, Duration window) {
        return TopicReader.collect(
                bootstrapServers, topic, record -> orderId.toString().equals(record.key()), window);
    }

    /**
     * Every record about {@code orderId} on {@code topic}, read until a marker this method puts
     * behind them (same key, so same partition): a proof of absence that does not depend on timing.
     */
    List<ConsumerRecord<String, byte[]>> allUpToNow(String topic, UUID orderId) {
        var marker = UUID.randomUUID().toString();
        var record = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(
                topic, orderId.toString(), new byte[0]);
        record.headers().add("test-marker", marker.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not send a marker", ex);
        }
        var seen = new java.util.ArrayList<ConsumerRecord<String, byte[]>>();
        TopicReader.await(
                bootstrapServers,
                topic,
                1,
                candidate -> {
                    if (!orderId.toString().equals(candidate.key())) {
                        return false;
                    }
                    if (marker.equals(header(candidate, "test-marker"))) {
                        return true;
                    }
                    if (header(candidate, "test-marker") == null) {
                        seen.add(candidate);
                    }
                    return false;
                },
                WAIT);
        return seen;
    }

    /** Records of {@code type} among {@link #allUpToNow}. */
    List<ConsumerRecord<String, byte[]>> allUpToNow(String topic, UUID orderId, String type) {
        return allUpToNow(topic, orderId).stream()
                .filter(record -> type.equals(header(record, "ce_type")))
                .toList();
    }

    /** Answers {@code cause} with a reply event (new event id); returns that id. */
    UUID reply(ConsumerRecord<String, byte[]> cause, String topic, String type, Object data) {
        var id = UUID.randomUUID();
        send(cause, topic, id, type, data);
        return id;
    }

    /** Sends an event with a given id: a redelivery when the id was sent before. */
    void send(ConsumerRecord<String, byte[]> cause, String topic, UUID eventId, String type, Object data) {
        var key = cause.key();
        var source = topic.startsWith("shop.stock") ? "catalog-service" : "payment-service";
        var record = CloudEventRecords.create(
                topic, key, eventId, type, source, Instant.now(), JSON.writeValueAsBytes(data));
        var traceparent = cause.headers().lastHeader("traceparent");
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.value());
        }
        try {
            producer.send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not send " + type, ex);
        }
    }

    /** The catalog announces a product (its price read model in order-service follows). */
    void product(UUID productId, String type, String price, String currency, String status) {
        var record = CloudEventRecords.create(
                Topics.PRODUCTS,
                productId.toString(),
                UUID.randomUUID(),
                type,
                "catalog-service",
                Instant.now(),
                JSON.writeValueAsBytes(new ProductChanged(
                        productId,
                        "SKU-" + productId.toString().substring(0, 8),
                        "Product " + productId.toString().substring(0, 4),
                        new Money(new BigDecimal(price), currency),
                        status)));
        try {
            producer.send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not announce product", ex);
        }
    }

    <T> T data(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return JSON.readValue(record.value(), type);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
