package dev.prodev.shop.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what really landed on a Kafka topic, from the beginning, with a consumer group of its
 * own: what a test asserts when it says "this event was published".
 */
public final class TopicReader {

    private TopicReader() {}

    /** Waits until {@code count} records matching {@code filter} are on {@code topic}; fails after {@code timeout}. */
    public static List<ConsumerRecord<String, byte[]>> await(
            String bootstrapServers,
            String topic,
            int count,
            Predicate<ConsumerRecord<String, byte[]>> filter,
            Duration timeout) {
        var found = read(bootstrapServers, topic, filter, count, timeout);
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " matching record(s) on " + topic + " within " + timeout
                    + ", found " + found.size());
        }
        return found;
    }

    /** Every record matching {@code filter} seen on {@code topic} during {@code window}: for "exactly once" checks. */
    public static List<ConsumerRecord<String, byte[]>> collect(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<String, byte[]>> filter, Duration window) {
        return read(bootstrapServers, topic, filter, Integer.MAX_VALUE, window);
    }

    private static List<ConsumerRecord<String, byte[]>> read(
            String bootstrapServers,
            String topic,
            Predicate<ConsumerRecord<String, byte[]>> filter,
            int enough,
            Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "topic-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false");
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            var deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < enough && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
