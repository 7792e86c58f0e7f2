package dev.prodev.shop.messaging.consumer;

import java.util.List;

/**
 * A bean that consumes events: it gives its handler table, and platform-messaging creates the
 * Kafka listener container and does the inbox, logging and failure policy ({@link EventDispatcher}).
 * A class may declare several tables (one per topic).
 */
@FunctionalInterface
public interface EventSubscriber {

    /** The tables of this bean, read once at startup. */
    List<EventHandlers> handlers();
}
