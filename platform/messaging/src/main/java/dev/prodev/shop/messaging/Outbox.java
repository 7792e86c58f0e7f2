package dev.prodev.shop.messaging;

/**
 * How a service publishes events: inside its business {@code @Transactional} method, never by
 * calling Kafka directly. The event is stored in the {@code outbox} table in the caller's
 * transaction and published by the relay after commit, so state change and event happen
 * together or not at all.
 */
public interface Outbox {

    /**
     * Stores the event in the caller's transaction (one is required; without one this throws
     * {@link org.springframework.transaction.IllegalTransactionStateException}).
     *
     * @param topic one of {@link dev.prodev.shop.events.Topics}
     * @param key the aggregate id: events of one key are published in the order they were appended
     * @param type the CloudEvents type, e.g. {@code OrderPlaced.TYPE}
     * @param data the event's data record, written as JSON (checked against the type's schema)
     */
    void append(String topic, String key, String type, Object data);
}
