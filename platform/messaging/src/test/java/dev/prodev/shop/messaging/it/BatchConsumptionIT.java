package dev.prodev.shop.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.test.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch consumption on a real broker: records that wait while the consumer is stopped arrive in
 * one poll; a poison record among them is dead-lettered alone, a duplicate is applied once, and
 * every other record is applied exactly once.
 */
class BatchConsumptionIT extends MessagingIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    KafkaListenerEndpointRegistry containers;

    /** On partition 0, so the whole set is one partition's poll. */
    private static ProducerRecord<String, byte[]> onPartitionZero(UUID orderId, UUID eventId, byte[] data) {
        var record = CloudEventRecords.create(
                Topics.STOCK_COMMANDS,
                orderId.toString(),
                eventId,
                ReserveStock.TYPE,
                "order-service",
                Instant.now(),
                data);
        return new ProducerRecord<>(
                record.topic(), 0, record.timestamp(), record.key(), record.value(), record.headers());
    }

    private static byte[] reserve(UUID orderId) {
        return JSON.writeValueAsBytes(new ReserveStock(orderId, List.of(new StockLine(UUID.randomUUID(), 1))));
    }

    private int reservations(List<UUID> orderIds) {
        return jdbc.queryForObject(
                "select count(*) from it_reservation where order_id = any (?)", Integer.class, (Object)
                        orderIds.toArray(UUID[]::new));
    }

    @Test
    void aPoisonRecordInAPollIsDeadLetteredAloneAndTheRestIsAppliedOnce() {
        var container = containers.getListenerContainer(ReservationListener.CONSUMER);
        container.stop();
        var orders = new ArrayList<UUID>();
        var poisonKey = UUID.randomUUID();
        var poisonId = UUID.randomUUID();
        var duplicateOrder = UUID.randomUUID();
        var duplicateId = UUID.randomUUID();
        try {
            for (int i = 0; i < 10; i++) {
                var orderId = UUID.randomUUID();
                orders.add(orderId);
                publisher.send(onPartitionZero(orderId, UUID.randomUUID(), reserve(orderId)));
                if (i == 3) {
                    publisher.send(onPartitionZero(
                            poisonKey,
                            poisonId,
                            "{\"orderId\":\"not-a-uuid\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8)));
                    publisher.send(onPartitionZero(duplicateOrder, duplicateId, reserve(duplicateOrder)));
                }
            }
            publisher
                    .send(onPartitionZero(duplicateOrder, duplicateId, reserve(duplicateOrder)))
                    .join();
        } finally {
            container.start();
        }
        orders.add(duplicateOrder);

        var dead = TopicReader.await(
                bootstrapServers(),
                Topics.deadLetter(Topics.STOCK_COMMANDS),
                1,
                r -> poisonId.toString().equals(header(r, "ce_id")),
                WAIT);
        assertThat(dead).hasSize(1);
        await().atMost(WAIT).until(() -> reservations(orders) == orders.size());
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> reservations(orders) == orders.size());
        assertThat(listener.deliveries(poisonKey.toString()))
                .as("poison is not retried")
                .isEqualTo(1);
        assertThat(listener.deliveries(duplicateOrder.toString()))
                .as("both copies of the duplicate were delivered")
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from dead_letter where event_id = ?", Integer.class, poisonId.toString()))
                .as("only the poison is a dead letter")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from dead_letter where record_key = any (?)", Integer.class, (Object)
                                orders.stream().map(UUID::toString).toArray(String[]::new)))
                .isZero();
    }
}
