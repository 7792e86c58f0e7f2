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

    /**
     * Stores the event on the topic and under the type {@link dev.prodev.shop.events.EventTypes} gives
     * for its data record: {@code outbox.append(orderId, new OrderPlaced(...))}.
     *
     * @throws IllegalArgumentException when the record is no event's data, or the data of several
     *         types (then name the type: {@link #append(String, String, Object)})
     */
    default void append(String key, Record data) {
        var types = dev.prodev.shop.events.EventTypes.ALL.values().stream()
                .filter(definition -> definition.dataClass().equals(data.getClass()))
                .toList();
        if (types.size() != 1) {
            throw new IllegalArgumentException(data.getClass().getSimpleName() + " is the data of " + types.size()
                    + " event types; name the type");
        }
        append(types.getFirst().topic(), key, types.getFirst().type(), data);
    }

    /** Stores the event of {@code type} on the topic {@link dev.prodev.shop.events.EventTypes} gives for it. */
    default void append(String key, String type, Object data) {
        append(dev.prodev.shop.events.EventTypes.of(type).topic(), key, type, data);
    }
}
