package dev.prodev.shop.messaging.deadletter;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * What happens to a record its listener gave up on: it is recorded in this service's
 * {@code dead_letter} table (the admin list and redrive read it), then published to
 * {@code <topic>.dlt} with its original headers plus Spring Kafka's {@code kafka_dlt-*}
 * exception headers (for other tools and a shared view across services). If either step
 * fails, the error handler tries the recovery again; both steps are idempotent enough for that
 * (the table ignores the same offset twice).
 */
public class RecordingDeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(RecordingDeadLetterRecoverer.class);

    private final DeadLetterStore store;
    private final DeadLetterPublishingRecoverer publisher;
    private final String defaultGroup;

    public RecordingDeadLetterRecoverer(
            DeadLetterStore store, DeadLetterPublishingRecoverer publisher, String defaultGroup) {
        this.store = store;
        this.publisher = publisher;
        this.defaultGroup = defaultGroup;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        Throwable cause = exception instanceof ListenerExecutionFailedException && exception.getCause() != null
                ? exception.getCause()
                : exception;
        // a batch listener names the failed record with a BatchListenerFailedException: record its cause
        if (cause instanceof BatchListenerFailedException failed && failed.getCause() != null) {
            cause = failed.getCause();
            exception = new ListenerExecutionFailedException("Listener failed", cause);
        }
        var group = consumer == null ? defaultGroup : consumer.groupMetadata().groupId();
        log.warn(
                "dead-lettering {}-{}@{} (key {}) for group {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                group,
                cause.toString());
        store.record(group, record, cause);
        publisher.accept(record, consumer, exception);
    }
}
