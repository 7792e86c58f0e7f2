package dev.prodev.shop.events.payment;

import dev.prodev.shop.events.Money;
import java.util.UUID;

/** The payment was refunded; on {@code shop.payments}, key orderId. */
public record PaymentRefunded(UUID orderId, UUID paymentId, Money amount) {

    public static final String TYPE = "shop.payment.refunded.v1";
}
