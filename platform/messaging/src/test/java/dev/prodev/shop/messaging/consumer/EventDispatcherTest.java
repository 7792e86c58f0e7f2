package dev.prodev.shop.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prodev.shop.events.InvalidEventException;
import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The one dispatch path: type → handler, inbox once, redeliveries skipped, unknown types skipped and counted, sources checked. */
class EventDispatcherTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An inbox in memory that remembers (consumer, event id). */
    static final class MemoryInbox implements Inbox {
        final Set<String> seen = new HashSet<>();

        @Override
        public boolean firstDelivery(String consumer, IncomingEvent event) {
            return firstDelivery(consumer, event.id());
        }

        @Override
        public boolean firstDelivery(String consumer, String eventId) {
            return seen.add(consumer + "/" + eventId);
        }
    }

    /** Counts transactions, so a test sees that inbox and handler ran inside one. */
    static final class CountingTransactions extends AbstractPlatformTransactionManager {
        int begun;
        int committed;
        int rolledBack;

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun++;
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            committed++;
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            rolledBack++;
        }
    }

    final MemoryInbox inbox = new MemoryInbox();
    final CountingTransactions transactions = new CountingTransactions();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Object> applied = new ArrayList<>();

    EventDispatcher dispatcher(boolean checkSource) {
        return new EventDispatcher(inbox, new TransactionTemplate(transactions), meters, checkSource, Map.of());
    }

    EventHandlers stockCommands() {
        return EventHandlers.consumer("test.stock-commands", Topics.STOCK_COMMANDS)
                .on(ReserveStock.class, command -> applied.add(command))
                .on(ReleaseStock.class, (event, command) -> applied.add(event.id()))
                .build();
    }

    static ConsumerRecord<String, byte[]> record(String topic, UUID id, String type, String source, Object data) {
        var produced = CloudEventRecords.create(
                topic,
                "k",
                id,
                type,
                source,
                Instant.now(),
                data instanceof byte[] bytes ? bytes : JSON.writeValueAsBytes(data));
        return new ConsumerRecord<>(
                topic,
                0,
                0L,
                ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE,
                produced.key(),
                produced.value(),
                produced.headers(),
                Optional.<Integer>empty());
    }

    static ReserveStock reserve() {
        return new ReserveStock(UUID.randomUUID(), List.of(new StockLine(UUID.randomUUID(), 1)));
    }

    @Test
    void handsTheTypedDataToTheHandlerOfItsTypeInsideOneTransactionWithTheInbox() {
        var command = reserve();
        var id = UUID.randomUUID();
        dispatcher(true)
                .dispatch(
                        stockCommands(),
                        record(Topics.STOCK_COMMANDS, id, ReserveStock.TYPE, "order-service", command));

        assertThat(applied).containsExactly(command);
        assertThat(inbox.seen).containsExactly("test.stock-commands/" + id);
        assertThat(transactions.committed).isEqualTo(1);
    }

    @Test
    void aRedeliveryIsSkipped() {
        var record = record(
                Topics.STOCK_COMMANDS,
                UUID.randomUUID(),
                ReleaseStock.TYPE,
                "order-service",
                new ReleaseStock(UUID.randomUUID(), "timeout"));
        dispatcher(true).dispatch(stockCommands(), record);
        dispatcher(true).dispatch(stockCommands(), record);

        assertThat(applied).hasSize(1);
    }

    @Test
    void aKnownTypeTheTableDoesNotListIsSkippedWithoutInboxOrMetric() {
        dispatcher(true)
                .dispatch(
                        stockCommands(),
                        record(
                                Topics.STOCK_COMMANDS,
                                UUID.randomUUID(),
                                CommitStock.TYPE,
                                "order-service",
                                new CommitStock(UUID.randomUUID())));

        assertThat(applied).isEmpty();
        assertThat(inbox.seen).isEmpty();
        assertThat(meters.find("shop.messaging.events.ignored").counter()).isNull();
    }

    @Test
    void anUnknownTypeIsSkippedAndCounted() {
        var handlers = stockCommands();
        dispatcher(true)
                .dispatch(
                        handlers,
                        record(
                                Topics.STOCK_COMMANDS,
                                UUID.randomUUID(),
                                "shop.stock.reserve.v9",
                                "order-service",
                                Map.of("orderId", UUID.randomUUID())));
        // a known type on the wrong topic is as unknown here
        dispatcher(true)
                .dispatch(
                        handlers,
                        record(
                                Topics.STOCK_COMMANDS,
                                UUID.randomUUID(),
                                StockReserved.TYPE,
                                "order-service",
                                Map.of()));

        assertThat(applied).isEmpty();
        assertThat(inbox.seen).isEmpty();
        assertThat(meters.get("shop.messaging.events.ignored")
                        .tag("reason", "unknown-type")
                        .tag("topic", Topics.STOCK_COMMANDS)
                        .tag("consumer", "test.stock-commands")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aFallbackSeesTypesTheTableDoesNotList() {
        var others = new ArrayList<String>();
        var handlers = EventHandlers.broadcast("test.cache", Topics.STOCK_COMMANDS)
                .on(ReserveStock.class, command -> applied.add(command))
                .otherwise(event -> others.add(event.type()))
                .build();
        dispatcher(true)
                .dispatch(
                        handlers,
                        record(
                                Topics.STOCK_COMMANDS,
                                UUID.randomUUID(),
                                "shop.stock.new.v1",
                                "order-service",
                                Map.of()));

        assertThat(others).containsExactly("shop.stock.new.v1");
        assertThat(transactions.begun)
                .as("a broadcast consumer needs no transaction")
                .isZero();
    }

    @Test
    void anEventFromAServiceThatDoesNotOwnTheTopicIsRejectedAndCounted() {
        var forged =
                record(Topics.STOCK_COMMANDS, UUID.randomUUID(), ReserveStock.TYPE, "notification-service", reserve());

        assertThatThrownBy(() -> dispatcher(true).dispatch(stockCommands(), forged))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("notification-service")
                .hasMessageContaining("order-service");
        assertThat(applied).isEmpty();
        assertThat(inbox.seen).isEmpty();
        assertThat(meters.get("shop.messaging.events.rejected")
                        .tag("reason", "foreign-source")
                        .tag("topic", Topics.STOCK_COMMANDS)
                        .counter()
                        .count())
                .isEqualTo(1);

        dispatcher(false).dispatch(stockCommands(), forged);
        assertThat(applied).as("check-source=false applies it").hasSize(1);
    }

    @Test
    void anOwnerOverrideReplacesTheContractOwner() {
        var dispatcher = new EventDispatcher(
                inbox,
                new TransactionTemplate(transactions),
                meters,
                true,
                Map.of(Topics.STOCK_COMMANDS, "order-service-eu"));
        dispatcher.dispatch(
                stockCommands(),
                record(Topics.STOCK_COMMANDS, UUID.randomUUID(), ReserveStock.TYPE, "order-service-eu", reserve()));

        assertThat(applied).hasSize(1);
    }

    @Test
    void dataBreakingTheSchemaFailsBeforeTheHandlerAndRollsTheInboxBack() {
        var poison = record(
                Topics.STOCK_COMMANDS,
                UUID.randomUUID(),
                ReserveStock.TYPE,
                "order-service",
                "{\"orderId\":\"nope\",\"lines\":[]}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> dispatcher(true).dispatch(stockCommands(), poison))
                .isInstanceOf(InvalidEventException.class);
        assertThat(applied).isEmpty();
        assertThat(transactions.rolledBack).isEqualTo(1);
    }

    @Test
    void aTableRefusesATypeThatDoesNotTravelOnItsTopicAndAnEmptyTable() {
        assertThatThrownBy(() -> EventHandlers.consumer("x", Topics.PAYMENTS).on(ReserveStock.class, command -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Topics.PAYMENTS);
        assertThatThrownBy(() -> EventHandlers.consumer("x", Topics.PAYMENTS).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
