package dev.prodev.shop.messaging;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of platform-messaging ({@code shop.messaging.*}). Every value has a default that
 * suits a service on one small machine; a service usually sets only {@code admin-path}.
 *
 * @param source CloudEvents {@code source} of events this service produces; empty means {@code spring.application.name}
 * @param createTopics whether to declare {@code Topics.ALL} and their {@code .dlt} topics (with the contract partition counts) at startup
 * @param adminPath base path of the dead-letter admin endpoints (role admin), e.g. {@code /api/v1/orders/admin/dead-letters}
 * @param outbox the transactional outbox and its relay
 * @param consumer retries of failed deliveries before dead-lettering
 * @param cleanup removal of old published outbox rows and old inbox entries
 * @param flyway how the messaging tables join the service's Flyway migrations
 */
@ConfigurationProperties("shop.messaging")
public record ShopMessagingProperties(
        @DefaultValue("") String source,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("/admin/dead-letters") String adminPath,
        @DefaultValue Outbox outbox,
        @DefaultValue Consumer consumer,
        @DefaultValue Cleanup cleanup,
        @DefaultValue Flyway flyway) {

    /**
     * @param relayEnabled whether this instance runs the relay (off for a replica that must only write)
     * @param pollInterval how often the relay looks for rows when no commit woke it (it is woken right after each commit)
     * @param batchSize rows taken per relay round
     * @param sendTimeout how long a publish may take before it counts as failed (Kafka {@code delivery.timeout.ms})
     * @param retryInitialInterval first wait before a failed row is retried; doubles per attempt
     * @param retryMaxInterval longest wait between retries of a failed row (and of the relay when the broker is down)
     * @param buckets key buckets: one relay owns a bucket at a time, which keeps per-key order across replicas; same value on every replica
     * @param validate whether {@code append} checks the data against its type's JSON Schema (an invalid event fails the business transaction)
     * @param maxAttempts failed publishes after which a row is parked: no more retries, its key waits behind it, an admin retries or skips it
     */
    public record Outbox(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("200ms") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("10s") Duration sendTimeout,
            @DefaultValue("200ms") Duration retryInitialInterval,
            @DefaultValue("5s") Duration retryMaxInterval,
            @DefaultValue("16") int buckets,
            @DefaultValue("true") boolean validate,
            @DefaultValue("10") int maxAttempts) {}

    /**
     * @param attempts deliveries of a record in total (first + retries) before it goes to {@code <topic>.dlt}; poison messages go at once
     * @param initialInterval wait before the first retry
     * @param multiplier growth of the wait per retry
     * @param maxInterval longest wait between two retries
     * @param checkSource whether an event whose {@code ce_source} is not its topic's owner ({@code Topics.OWNERS}) is dead-lettered instead of applied
     * @param owners per topic, an owner replacing the one in {@code Topics.OWNERS} (services deployed under other names; test services), e.g. {@code owners[shop.orders]=order-service-eu}
     * @param batch whether a listener takes a whole poll at once and applies it in one transaction (ADR 0019); false: one transaction per record
     */
    public record Consumer(
            @DefaultValue("4") int attempts,
            @DefaultValue("250ms") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("2s") Duration maxInterval,
            @DefaultValue("true") boolean checkSource,
            Map<String, String> owners,
            @DefaultValue("true") boolean batch) {

        public Consumer {
            owners = owners == null ? Map.of() : Map.copyOf(owners);
        }
    }

    /**
     * @param interval how often the cleanup runs (one replica at a time, ShedLock)
     * @param outboxRetention how long published outbox rows are kept (for audit and replay)
     * @param inboxRetention how long consumed event ids are remembered; keep it longer than the topics' retention
     */
    public record Cleanup(
            @DefaultValue("1h") Duration interval,
            @DefaultValue("7d") Duration outboxRetention,
            @DefaultValue("30d") Duration inboxRetention) {}

    /**
     * @param enabled whether {@code classpath:db/messaging} is appended to the service's Flyway locations
     * @param outOfOrder let a service add V2, V3... after V1000 was applied (its own versions stay below 1000)
     */
    public record Flyway(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean outOfOrder) {}
}
