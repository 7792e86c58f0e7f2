package dev.prodev.shop.notification.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.retention.*} of notification-service (docs/data-retention.md). Dead-letter payloads
 * ({@code shop.retention.dead-letter-payloads}) are platform-messaging's, read by its cleanup.
 *
 * @param sentDeliveries how long a sent (or given-up) email keeps its address and text; afterwards the row
 *        only says that an email of that notification went out, when, and after how many attempts
 * @param readNotifications how long an in-app notification the user has read is kept before it is deleted
 * @param interval how often the retention job runs (one replica at a time)
 */
@ConfigurationProperties("shop.retention")
public record RetentionProperties(
        @DefaultValue("30d") Duration sentDeliveries,
        @DefaultValue("180d") Duration readNotifications,
        @DefaultValue("1h") Duration interval) {}
