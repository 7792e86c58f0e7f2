package dev.prodev.shop.messaging.consumer;

import dev.prodev.shop.events.EventTypes;
import dev.prodev.shop.messaging.IncomingEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One Kafka consumer of a service, declared as a table: its name (= listener container id = inbox
 * consumer), the topic it reads and, per event type, the handler. {@link EventDispatcher} does
 * everything around the handlers once for all consumers, so a listener class holds only its table
 * and its effects:
 *
 * <pre>{@code
 * EventHandlers.consumer("catalog.stock-commands", Topics.STOCK_COMMANDS)
 *         .on(ReserveStock.class, command -> stock.reserve(command.orderId(), command.lines()))
 *         .on(CommitStock.class, command -> stock.commit(command.orderId()))
 *         .build();
 * }</pre>
 *
 * Types are resolved through {@link EventTypes}: {@code on(X.class, ...)} handles every type whose
 * data record is {@code X} on this topic, so a table cannot name a type that does not travel there.
 */
public final class EventHandlers {

    /** A handler that needs the envelope too (id, time, source). */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(IncomingEvent event, T data);
    }

    private record Entry<T>(Class<T> dataClass, Handler<T> handler) {
        void apply(IncomingEvent event) {
            handler.handle(event, event.data(dataClass));
        }
    }

    private final String name;
    private final String topic;
    private final boolean inbox;
    private final String groupId;
    private final String concurrency;
    private final Map<String, String> consumerProperties;
    private final Map<String, Entry<?>> byType;
    private final Consumer<IncomingEvent> otherwise;

    private EventHandlers(Builder builder) {
        this.name = builder.name;
        this.topic = builder.topic;
        this.inbox = builder.inbox;
        this.groupId = builder.groupId;
        this.concurrency = builder.concurrency;
        this.consumerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.consumerProperties));
        this.byType = Collections.unmodifiableMap(new LinkedHashMap<>(builder.byType));
        this.otherwise = builder.otherwise;
    }

    /**
     * A consumer whose effects happen once per event: every handled event is recorded in the inbox
     * under {@code name}, in one transaction with the handler's effects.
     */
    public static Builder consumer(String name, String topic) {
        return new Builder(name, topic, true);
    }

    /**
     * A consumer whose effect is idempotent by itself (e.g. a cache eviction): no inbox and no
     * database transaction. Usually with a group id of its own per replica.
     */
    public static Builder broadcast(String name, String topic) {
        return new Builder(name, topic, false);
    }

    /** The consumer's name: listener container id and inbox consumer. */
    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    /** Whether handled events go through the inbox, in a transaction. */
    public boolean inbox() {
        return inbox;
    }

    /** The consumer group, possibly with {@code ${...}} placeholders; empty: {@code spring.kafka.consumer.group-id}. */
    public Optional<String> groupId() {
        return Optional.ofNullable(groupId);
    }

    /** Concurrency, possibly with {@code ${...}} placeholders; empty: the container factory's. */
    public Optional<String> concurrency() {
        return Optional.ofNullable(concurrency);
    }

    /** Kafka consumer properties for this consumer only (e.g. {@code auto.offset.reset}). */
    public Map<String, String> consumerProperties() {
        return consumerProperties;
    }

    /** The types this table handles. */
    public Set<String> types() {
        return byType.keySet();
    }

    /** Whether the table has a handler for {@code type}. */
    boolean handles(String type) {
        return type != null && byType.containsKey(type);
    }

    /** Applies the handler of the event's type (the caller checked {@link #handles}). */
    void apply(IncomingEvent event) {
        byType.get(event.type()).apply(event);
    }

    /** The fallback for types the table does not list, if any. */
    Optional<Consumer<IncomingEvent>> otherwise() {
        return Optional.ofNullable(otherwise);
    }

    /** Builds a table; {@link #build()} checks it. */
    public static final class Builder {

        private final String name;
        private final String topic;
        private final boolean inbox;
        private String groupId;
        private String concurrency;
        private final Map<String, String> consumerProperties = new LinkedHashMap<>();
        private final Map<String, Entry<?>> byType = new LinkedHashMap<>();
        private Consumer<IncomingEvent> otherwise;

        private Builder(String name, String topic, boolean inbox) {
            this.name = Objects.requireNonNull(name, "name");
            this.topic = Objects.requireNonNull(topic, "topic");
            this.inbox = inbox;
        }

        /** Handles every type of {@code dataClass} that travels on this topic. */
        public <T> Builder on(Class<T> dataClass, Consumer<T> handler) {
            Objects.requireNonNull(handler, "handler");
            return on(dataClass, (event, data) -> handler.accept(data));
        }

        /** Same, with the envelope (id, time, source) given to the handler. */
        public <T> Builder on(Class<T> dataClass, Handler<T> handler) {
            Objects.requireNonNull(handler, "handler");
            var types = EventTypes.ALL.values().stream()
                    .filter(definition -> definition.dataClass().equals(dataClass)
                            && definition.topic().equals(topic))
                    .map(EventTypes.Definition::type)
                    .toList();
            if (types.isEmpty()) {
                throw new IllegalArgumentException(
                        name + ": no event type of " + dataClass.getSimpleName() + " travels on " + topic);
            }
            for (var type : types) {
                if (byType.putIfAbsent(type, new Entry<>(dataClass, handler)) != null) {
                    throw new IllegalArgumentException(name + ": " + type + " has two handlers");
                }
            }
            return this;
        }

        /** What to do with an event of a type the table does not list (default: skip it, see ADR 0014). */
        public Builder otherwise(Consumer<IncomingEvent> fallback) {
            this.otherwise = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** The consumer group (placeholders allowed); default {@code spring.kafka.consumer.group-id}. */
        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        /** Concurrency (placeholders allowed, e.g. {@code ${shop.catalog.stock-commands.concurrency:3}}). */
        public Builder concurrency(String concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** A Kafka consumer property for this consumer only. */
        public Builder consumerProperty(String key, String value) {
            consumerProperties.put(key, value);
            return this;
        }

        public EventHandlers build() {
            if (byType.isEmpty()) {
                throw new IllegalArgumentException(name + ": handles no event type");
            }
            return new EventHandlers(this);
        }
    }
}
