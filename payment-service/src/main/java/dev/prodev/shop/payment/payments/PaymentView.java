package dev.prodev.shop.payment.payments;

import dev.prodev.shop.events.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A payment as its owner or an admin sees it. */
public record PaymentView(
        UUID paymentId,
        UUID orderId,
        PaymentStatus status,
        Money amount,
        String provider,

        @Schema(
                description = "Hosted checkout to complete (redirect providers such as Chapa), while PENDING",
                nullable = true)
        String checkoutUrl,

        @Schema(description = "Why the payment failed, e.g. provider-unavailable", nullable = true)
        String failureReason,

        Instant createdAt,
        Instant updatedAt) {

    static PaymentView of(Payment payment) {
        return new PaymentView(
                payment.getId(),
                payment.getOrderId(),
                payment.getStatus(),
                payment.money(),
                payment.getProvider(),
                payment.getCheckoutUrl(),
                payment.getFailureReason(),
                payment.getCreatedAt(),
                payment.getUpdatedAt());
    }
}
