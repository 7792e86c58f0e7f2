package dev.prodev.shop.messaging;

/**
 * Idempotent consumers: remembers which events a consumer has applied, in the same transaction
 * as the effect, so a redelivered event (Kafka is at-least-once) changes nothing.
 */
public interface Inbox {

    /**
     * Records {@code (consumer, event.id())} in the caller's transaction (required).
     *
     * @return {@code true} the first time (apply the effect), {@code false} for a redelivery (skip it)
     */
    boolean firstDelivery(String consumer, IncomingEvent event);

    /** Same, by event id. */
    boolean firstDelivery(String consumer, String eventId);
}
