package dev.prodev.shop.events.payment;

import java.util.UUID;

/** The payment was declined or could not be made; on {@code shop.payments}, key orderId. */
public record PaymentFailed(UUID orderId, String reason) {

    public static final String TYPE = "shop.payment.failed.v1";
}
