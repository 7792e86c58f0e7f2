package dev.prodev.shop.notification.inapp;

import java.time.Instant;
import java.util.UUID;

/** A notification as the API and the live stream show it to its owner. */
public record NotificationView(
        UUID id, NotificationKind kind, UUID orderId, String subject, String body, Instant createdAt, Instant readAt) {

    public static NotificationView of(Notification notification) {
        return new NotificationView(
                notification.getId(),
                notification.getKind(),
                notification.getOrderId(),
                notification.getSubject(),
                notification.getBody(),
                notification.getCreatedAt(),
                notification.getReadAt());
    }
}
