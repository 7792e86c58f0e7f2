package dev.prodev.shop.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.prodev.shop.messaging.CloudEventPublisher;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.SendResult;

/** The relay's sending half alone, against a producer whose answers the test chooses. */
class OutboxPublisherTest {

    private final CloudEventPublisher kafka = mock(CloudEventPublisher.class);
    private final List<String> sentIds = new CopyOnWriteArrayList<>();
    private final List<String> failingIds = new CopyOnWriteArrayList<>();
    private final List<String> headerTraceparents = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final OutboxPublisher publisher = new OutboxPublisher(kafka, Tracer.NOOP, Duration.ofSeconds(1), executor);

    OutboxPublisherTest() {
        when(kafka.source()).thenReturn("test-service");
        when(kafka.send(any(ProducerRecord.class))).thenAnswer(call -> {
            ProducerRecord<String, byte[]> record = call.getArgument(0);
            var id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            var traceparent = record.headers().lastHeader(OutboxPublisher.TRACEPARENT);
            if (traceparent != null) {
                headerTraceparents.add(new String(traceparent.value(), StandardCharsets.UTF_8));
            }
            sentIds.add(id);
            return failingIds.contains(id)
                    ? CompletableFuture.failedFuture(new IllegalStateException("broker down"))
                    : CompletableFuture.completedFuture(new SendResult<String, byte[]>(record, null));
        });
    }

    @AfterEach
    void shutDown() {
        executor.shutdown();
    }

    @Test
    void rowsOfOneKeyAreSentInTheirOrderAndAllAcknowledged() {
        var rows = List.of(
                row("shop.orders", "a"), row("shop.orders", "b"), row("shop.orders", "a"), row("shop.orders", "a"));

        var outcomes = publisher.publish(rows);

        assertThat(outcomes).extracting(OutboxPublisher.Outcome::sent).containsOnly(true);
        var keyA = rows.stream()
                .filter(r -> r.key().equals("a"))
                .map(r -> r.id().toString())
                .toList();
        assertThat(sentIds.stream().filter(keyA::contains).toList()).isEqualTo(keyA);
    }

    @Test
    void afterAFailedSendTheLaterRowsOfThatKeyAreNotSent() {
        var first = row("shop.orders", "a");
        var second = row("shop.orders", "a");
        failingIds.add(first.id().toString());

        var outcomes = publisher.publish(List.of(first, second));

        assertThat(outcomes.getFirst()).satisfies(o -> {
            assertThat(o.sent()).isFalse();
            assertThat(o.attempted()).isTrue();
            assertThat(o.error()).hasMessage("broker down");
        });
        if (outcomes.size() > 1) {
            assertThat(outcomes.get(1).sent()).isFalse();
            assertThat(outcomes.get(1).attempted()).isFalse();
        }
        assertThat(sentIds).containsExactly(first.id().toString());
    }

    @Test
    void theStoredTraceparentTravelsWithTheRecordWhenNoSpanIsCurrent() {
        var traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var row = new OutboxRow(
                UUID.randomUUID(),
                "shop.orders",
                "k",
                "shop.order.placed.v1",
                "{}".getBytes(StandardCharsets.UTF_8),
                traceparent,
                Instant.now(),
                0);

        publisher.publish(List.of(row));

        assertThat(headerTraceparents).containsExactly(traceparent);
    }

    private static OutboxRow row(String topic, String key) {
        return new OutboxRow(
                UUID.randomUUID(),
                topic,
                key,
                "shop.order.placed.v1",
                "{}".getBytes(StandardCharsets.UTF_8),
                null,
                Instant.now(),
                0);
    }
}
