package dev.prodev.shop.messaging.consumer;

import static dev.prodev.shop.messaging.consumer.EventDispatcherTest.record;
import static dev.prodev.shop.messaging.consumer.EventDispatcherTest.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prodev.shop.events.InvalidEventException;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One transaction per poll, and what a failure in a poll does: a database whose inbox rows and
 * effects commit or roll back with the transaction, as PostgreSQL's do.
 */
class BatchDispatchTest {

    /** Inbox rows and effects written in the open transaction; kept on commit, dropped on rollback. */
    static final class Database extends AbstractPlatformTransactionManager implements Inbox {
        final Set<String> inbox = new HashSet<>();
        final List<Object> effects = new ArrayList<>();
        final Set<String> pendingInbox = new HashSet<>();
        final List<Object> pendingEffects = new ArrayList<>();
        int commits;
        int rollbacks;

        @Override
        public boolean firstDelivery(String consumer, IncomingEvent event) {
            return firstDelivery(consumer, event.id());
        }

        @Override
        public boolean firstDelivery(String consumer, String eventId) {
            var key = consumer + "/" + eventId;
            return !inbox.contains(key) && pendingInbox.add(key);
        }

        void write(Object effect) {
            pendingEffects.add(effect);
        }

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        boolean active;

        @Override
        protected boolean isExistingTransaction(Object transaction) {
            return active;
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            active = true;
        }

        @Override
        protected void doSetRollbackOnly(DefaultTransactionStatus status) {
            // the exception reaches the outer transaction, which rolls back
        }

        @Override
        protected void doCleanupAfterCompletion(Object transaction) {
            active = false;
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            inbox.addAll(pendingInbox);
            effects.addAll(pendingEffects);
            pendingInbox.clear();
            pendingEffects.clear();
            commits++;
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            pendingInbox.clear();
            pendingEffects.clear();
            rollbacks++;
        }
    }

    final Database db = new Database();
    final EventDispatcher dispatcher =
            new EventDispatcher(db, new TransactionTemplate(db), new SimpleMeterRegistry(), true, Map.of());
    final EventHandlers handlers = EventHandlers.consumer("test.stock-commands", Topics.STOCK_COMMANDS)
            .on(ReserveStock.class, command -> db.write(command.orderId()))
            .build();

    static ConsumerRecord<String, byte[]> command(UUID eventId, ReserveStock data) {
        return record(Topics.STOCK_COMMANDS, eventId, ReserveStock.TYPE, "order-service", data);
    }

    static ConsumerRecord<String, byte[]> poison() {
        return record(
                Topics.STOCK_COMMANDS,
                UUID.randomUUID(),
                ReserveStock.TYPE,
                "order-service",
                "{\"orderId\":\"not-a-uuid\",\"lines\":[]}".getBytes());
    }

    @Test
    void aWholePollIsAppliedInOneTransaction() {
        var a = reserve();
        var b = reserve();
        var c = reserve();

        dispatcher.dispatchBatch(
                handlers,
                List.of(command(UUID.randomUUID(), a), command(UUID.randomUUID(), b), command(UUID.randomUUID(), c)),
                "g");

        assertThat(db.effects).containsExactly(a.orderId(), b.orderId(), c.orderId());
        assertThat(db.commits).as("one commit for the poll").isEqualTo(1);
        assertThat(db.inbox).hasSize(3);
    }

    @Test
    void theSameEventTwiceInOnePollIsAppliedOnce() {
        var id = UUID.randomUUID();
        var a = reserve();
        var other = reserve();

        dispatcher.dispatchBatch(
                handlers, List.of(command(id, a), command(UUID.randomUUID(), other), command(id, a)), "g");

        assertThat(db.effects).containsExactly(a.orderId(), other.orderId());
        assertThat(db.inbox).hasSize(2);
    }

    @Test
    void aPoisonRecordIsReportedAloneAndTheRecordsBeforeItStayApplied() {
        var before = reserve();
        var after = reserve();
        var poison = poison();

        var failure = catchThrowableOfType(
                BatchListenerFailedException.class,
                () -> dispatcher.dispatchBatch(
                        handlers,
                        List.of(command(UUID.randomUUID(), before), poison, command(UUID.randomUUID(), after)),
                        "g"));

        assertThat(failure.getRecord())
                .as("the error handler dead-letters this record only")
                .isSameAs(poison);
        assertThat(failure.getCause()).isInstanceOf(InvalidEventException.class);
        assertThat(db.effects)
                .as("the record before it is committed on its own; the one after it is polled again")
                .containsExactly(before.orderId());
        assertThat(db.rollbacks)
                .as("the poll's transaction and the poison's own")
                .isEqualTo(2);
    }

    @Test
    void aPollRedeliveredAfterAFailureAppliesOnlyWhatWasNotAppliedBefore() {
        var before = reserve();
        var after = reserve();
        var first = command(UUID.randomUUID(), before);
        var second = command(UUID.randomUUID(), after);
        try {
            dispatcher.dispatchBatch(handlers, List.of(first, poison(), second), "g");
        } catch (BatchListenerFailedException expected) {
            // the error handler dead-letters the poison and seeks back to the record after it
        }

        // a rebalance can hand the whole poll to a consumer again
        dispatcher.dispatchBatch(handlers, List.of(first, second), "g");

        assertThat(db.effects).containsExactly(before.orderId(), after.orderId());
    }
}
