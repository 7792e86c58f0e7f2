package dev.prodev.shop.notification.inapp;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A notification as the API and the live stream show it to its owner. */
public record NotificationView(
        UUID id,
        NotificationKind kind,

        @Schema(nullable = true, description = "the order it is about, if any")
        UUID orderId,

        String subject,
        String body,
        Instant createdAt,

        @Schema(nullable = true, description = "when its owner marked it read; null while unread")
        Instant readAt) {

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
