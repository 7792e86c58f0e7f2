package dev.prodev.shop.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.InvalidEventException;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class IncomingEventTest {

    private static ConsumerRecord<String, byte[]> received(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(
                sent.topic(),
                0,
                42L,
                0L,
                TimestampType.CREATE_TIME,
                0,
                0,
                sent.key(),
                sent.value(),
                sent.headers(),
                Optional.empty());
    }

    @Test
    void readsWhatCloudEventRecordsWrote() {
        var id = UUID.randomUUID();
        var orderId = UUID.randomUUID();
        var time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var json =
                "{\"orderId\":\"%s\",\"reason\":\"timeout\"}".formatted(orderId).getBytes(StandardCharsets.UTF_8);
        var record = CloudEventRecords.create(
                Topics.STOCK_COMMANDS, orderId.toString(), id, ReleaseStock.TYPE, "order-service", time, json);

        var event = IncomingEvent.from(received(record));

        assertThat(event.id()).isEqualTo(id.toString());
        assertThat(event.type()).isEqualTo(ReleaseStock.TYPE);
        assertThat(event.source()).isEqualTo("order-service");
        assertThat(event.subject()).isEqualTo(orderId.toString());
        assertThat(event.key()).isEqualTo(orderId.toString());
        assertThat(event.time()).isEqualTo(time);
        assertThat(event.data(ReleaseStock.class)).isEqualTo(new ReleaseStock(orderId, "timeout"));
        assertThat(new String(record.headers().lastHeader("ce_dataschema").value(), StandardCharsets.UTF_8))
                .isEqualTo(EventSchemas.dataschema(ReleaseStock.TYPE).toString());
    }

    @Test
    void aRecordWithoutCloudEventHeadersIsUnreadable() {
        var plain =
                new ProducerRecord<String, byte[]>(Topics.STOCK_COMMANDS, "k", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> IncomingEvent.from(received(plain)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("not a CloudEvent");
    }

    @Test
    void dataBreakingTheSchemaIsRejectedBeforeMapping() {
        var record = CloudEventRecords.create(
                Topics.STOCK_COMMANDS,
                "k",
                UUID.randomUUID(),
                ReserveStock.TYPE,
                "order-service",
                Instant.now(),
                "{\"orderId\":\"nope\"}".getBytes(StandardCharsets.UTF_8));
        var event = IncomingEvent.from(received(record));
        assertThatThrownBy(() -> event.data(ReserveStock.class)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void dataThatDoesNotFitTheRequestedRecordIsUnreadable() {
        var event = new IncomingEvent(
                "1", "test.unknown.v1", "x", "k", Instant.now(), "k", "[1,2]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> event.data(ReleaseStock.class)).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void dataOfAKnownTypeIsCheckedAndMapped() {
        var orderId = UUID.randomUUID();
        var json = "{\"orderId\":\"" + orderId + "\",\"reason\":\"x\"}";
        var event = new IncomingEvent(
                UUID.randomUUID().toString(),
                ReleaseStock.TYPE,
                "order-service",
                orderId.toString(),
                Instant.now(),
                orderId.toString(),
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(event.data(ReleaseStock.class)).isEqualTo(new ReleaseStock(orderId, "x"));
    }
}
