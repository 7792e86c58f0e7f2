package dev.prodev.shop.messaging.consumer;

import dev.prodev.shop.events.EventTypes;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.messaging.Inbox;
import dev.prodev.shop.messaging.IncomingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that turns a Kafka record into a handler call, for every consumer of the service
 * (listener containers and dead-letter redrive alike):
 * <ol>
 * <li>read the CloudEvent ({@link IncomingEvent#from}; not one: dead-lettered at once);</li>
 * <li>check that {@code ce_source} is the topic's owner ({@link Topics#owner}); if not, count
 * {@code shop.messaging.events.rejected{reason=foreign-source}} and dead-letter it at once;</li>
 * <li>find the handler of the type in the table; a type the shop does not know on this topic is
 * skipped with one WARN and {@code shop.messaging.events.ignored{reason=unknown-type}}, a known
 * type the table does not list is skipped silently (it is for other consumers);</li>
 * <li>in one transaction: the inbox first-delivery check (a redelivery is skipped, logged at
 * DEBUG), the schema check and mapping to the record, the handler.</li>
 * </ol>
 * The transaction joins the caller's if there is one (redrive marks the letter in the same one).
 *
 * <p>{@link #dispatchBatch} applies a whole poll in one transaction (one commit, one fsync, per
 * poll instead of per record: ADR 0019). When anything in it fails, the transaction rolls back
 * and the batch is applied again one record per transaction up to the failing record, which is
 * reported as a {@link BatchListenerFailedException}: the records before it stay committed, the
 * error handler retries or dead-letters that record alone, and the rest is polled again.
 */
public class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final boolean checkSource;
    private final Map<String, String> ownerOverrides;
    private final ObservationRegistry observations;

    /**
     * @param checkSource whether {@code ce_source} must be the topic's owner
     * @param ownerOverrides topic to owner, replacing {@link Topics#OWNERS} entries (a deployment whose
     *        services run under other names; test services)
     */
    public EventDispatcher(
            Inbox inbox,
            TransactionTemplate transactions,
            MeterRegistry meters,
            boolean checkSource,
            Map<String, String> ownerOverrides) {
        this(inbox, transactions, meters, checkSource, ownerOverrides, ObservationRegistry.NOOP);
    }

    /**
     * @param observations where the batch path records one Kafka listener observation per record (the
     *        span that continues the record's {@code traceparent}, as the record listener's container does)
     */
    public EventDispatcher(
            Inbox inbox,
            TransactionTemplate transactions,
            MeterRegistry meters,
            boolean checkSource,
            Map<String, String> ownerOverrides,
            ObservationRegistry observations) {
        this.observations = observations == null ? ObservationRegistry.NOOP : observations;
        this.inbox = inbox;
        this.transactions = transactions;
        this.meters = meters;
        this.checkSource = checkSource;
        this.ownerOverrides = ownerOverrides == null ? Map.of() : Map.copyOf(ownerOverrides);
    }

    /**
     * Applies {@code record} through {@code handlers}.
     *
     * @throws dev.prodev.shop.messaging.UnreadableEventException not a CloudEvent, or data not the record (poison)
     * @throws dev.prodev.shop.events.InvalidEventException data breaks the type's schema (poison)
     * @throws RejectedEventException the event must not be applied (poison)
     */
    public void dispatch(EventHandlers handlers, ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        requireOwner(handlers, record.topic(), event);
        if (!handlers.handles(event.type())) {
            skip(handlers, record.topic(), event);
            return;
        }
        if (!handlers.inbox()) {
            handlers.apply(event);
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (!inbox.firstDelivery(handlers.name(), event)) {
                log.debug(
                        "{}: event {} ({}) was applied before; skipping the redelivery",
                        handlers.name(),
                        event.id(),
                        event.type());
                return;
            }
            handlers.apply(event);
        });
    }

    /**
     * Applies one poll's {@code records} through {@code handlers}: all in one transaction when the
     * table uses the inbox, else one by one.
     *
     * @param groupId the consumer group (for the observations)
     * @throws BatchListenerFailedException naming the first record that could not be applied on its own;
     *         every record before it is committed
     */
    public void dispatchBatch(EventHandlers handlers, List<ConsumerRecord<String, byte[]>> records, String groupId) {
        if (records.isEmpty()) {
            return;
        }
        if (handlers.inbox() && records.size() > 1) {
            try {
                transactions.executeWithoutResult(status -> {
                    for (var record : records) {
                        observed(handlers, record, groupId);
                    }
                });
                return;
            } catch (RuntimeException batchFailed) {
                log.debug(
                        "{}: a batch of {} record(s) failed ({}); applying them one per transaction",
                        handlers.name(),
                        records.size(),
                        batchFailed.toString());
            }
        }
        for (var record : records) {
            try {
                observed(handlers, record, groupId);
            } catch (RuntimeException ex) {
                throw new BatchListenerFailedException(
                        handlers.name() + ": record " + record.topic() + "-" + record.partition() + "@"
                                + record.offset() + " failed",
                        ex,
                        record);
            }
        }
    }

    /** {@link #dispatch} inside the record's listener observation (its span continues the record's trace). */
    private void observed(EventHandlers handlers, ConsumerRecord<String, byte[]> record, String groupId) {
        KafkaListenerObservation.LISTENER_OBSERVATION
                .observation(
                        null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(
                                record, handlers.name(), handlers.name(), groupId, () -> null),
                        observations)
                .observe(() -> dispatch(handlers, record));
    }

    /** The service whose events {@code topic} carries, or {@code null} when no owner is known. */
    public String owner(String topic) {
        return ownerOverrides.getOrDefault(topic, Topics.owner(topic));
    }

    private void requireOwner(EventHandlers handlers, String topic, IncomingEvent event) {
        if (!checkSource) {
            return;
        }
        var owner = owner(topic);
        if (owner != null && !owner.equals(event.source())) {
            counter("shop.messaging.events.rejected", "foreign-source", topic, handlers.name())
                    .increment();
            throw new RejectedEventException(
                    "foreign-source",
                    "event " + event.id() + " (" + event.type() + ") on " + topic + " comes from '" + event.source()
                            + "', but only '" + owner + "' writes " + topic);
        }
    }

    private void skip(EventHandlers handlers, String topic, IncomingEvent event) {
        boolean expectedHere = EventTypes.isKnown(event.type())
                && EventTypes.of(event.type()).topic().equals(topic);
        if (!expectedHere) {
            counter("shop.messaging.events.ignored", "unknown-type", topic, handlers.name())
                    .increment();
            log.warn(
                    "{}: skipping event {} of unknown type {} on {}", handlers.name(), event.id(), event.type(), topic);
        }
        handlers.otherwise().ifPresent(fallback -> fallback.accept(event));
    }

    private Counter counter(String name, String reason, String topic, String consumer) {
        return Counter.builder(name)
                .description(
                        name.endsWith("rejected")
                                ? "Events refused and dead-lettered by a consumer"
                                : "Events a consumer skipped")
                .tag("reason", reason)
                .tag("topic", Objects.toString(topic))
                .tag("consumer", consumer)
                .register(meters);
    }
}
