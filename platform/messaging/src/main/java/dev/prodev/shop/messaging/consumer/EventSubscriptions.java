package dev.prodev.shop.messaging.consumer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * Every handler table of the service with its consumer group and concurrency resolved once
 * against the environment (a {@code ${random.uuid}} group stays the same for the process). Read
 * when the listener containers are created (after all singletons exist) and by redrive.
 */
public class EventSubscriptions {

    /** A table with its resolved settings. */
    public record Subscription(EventHandlers handlers, String groupId, Integer concurrency) {}

    private final ObjectProvider<EventSubscriber> subscribers;
    private final Environment environment;
    private volatile List<Subscription> resolved;

    public EventSubscriptions(ObjectProvider<EventSubscriber> subscribers, Environment environment) {
        this.subscribers = subscribers;
        this.environment = environment;
    }

    /** All subscriptions; names are unique (the container id and the inbox consumer). */
    public List<Subscription> all() {
        var result = resolved;
        if (result == null) {
            synchronized (this) {
                if (resolved == null) {
                    resolved = resolve();
                }
                result = resolved;
            }
        }
        return result;
    }

    /** The subscription that reads {@code topic} in consumer group {@code groupId} (what a dead letter records). */
    public Optional<Subscription> find(String groupId, String topic) {
        return all().stream()
                .filter(s -> s.handlers().topic().equals(topic) && s.groupId().equals(groupId))
                .findFirst();
    }

    private List<Subscription> resolve() {
        var defaultGroup = environment.getProperty(
                "spring.kafka.consumer.group-id", environment.getProperty("spring.application.name", "unknown"));
        var result = new ArrayList<Subscription>();
        var names = new HashSet<String>();
        subscribers
                .orderedStream()
                .flatMap(subscriber -> subscriber.handlers().stream())
                .forEach(handlers -> {
                    if (!names.add(handlers.name())) {
                        throw new IllegalStateException("two event consumers are named " + handlers.name());
                    }
                    var group = handlers.groupId()
                            .map(environment::resolveRequiredPlaceholders)
                            .orElse(defaultGroup);
                    var concurrency = handlers.concurrency()
                            .map(environment::resolveRequiredPlaceholders)
                            .map(Integer::valueOf)
                            .orElse(null);
                    result.add(new Subscription(handlers, group, concurrency));
                });
        return List.copyOf(result);
    }
}
