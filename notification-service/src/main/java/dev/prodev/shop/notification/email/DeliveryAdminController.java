package dev.prodev.shop.notification.email;

import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead emails for an operator (role admin): list them, and redrive one after fixing the cause
 * (SMTP credentials, a bounced address). Kafka dead letters have their own endpoints under
 * {@code /api/v1/notifications/admin/dead-letters} (platform messaging).
 */
@RestController
@RequestMapping("/api/v1/notifications/admin/deliveries")
@PreAuthorize("hasRole('admin')")
@Tag(name = "Notification admin", description = "Dead emails: list and redrive (role admin)")
class DeliveryAdminController {

    record DeliveryView(
            UUID id,
            UUID notificationId,
            String channel,
            DeliveryStatus status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant sentAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.getId(),
                    d.getNotificationId(),
                    d.getChannel(),
                    d.getStatus(),
                    d.getAttempts(),
                    d.getLastError(),
                    d.getCreatedAt(),
                    d.getNextAttemptAt(),
                    d.getSentAt());
        }
    }

    private final DeliveryRepository deliveries;
    private final Clock clock;

    DeliveryAdminController(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    List<DeliveryView> list(
            @RequestParam(defaultValue = "DEAD") DeliveryStatus status, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            throw ShopProblem.badRequest("limit must be between 1 and 200.");
        }
        return deliveries.findByStatusOrderByCreatedAtAsc(status, PageRequest.of(0, limit)).stream()
                .map(DeliveryView::of)
                .toList();
    }

    @PostMapping("/{id}/redrive")
    @Transactional
    DeliveryView redrive(@PathVariable UUID id) {
        var delivery = deliveries.findById(id).orElseThrow(() -> ShopProblem.notFound("delivery", id));
        if (delivery.getStatus() != DeliveryStatus.DEAD) {
            throw ShopProblem.conflict(
                    "Delivery " + id + " is " + delivery.getStatus() + "; only DEAD ones can be redriven.");
        }
        delivery.redrive(clock.instant());
        return DeliveryView.of(delivery);
    }
}
