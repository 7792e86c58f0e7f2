package dev.prodev.shop.events.payment;

import dev.prodev.shop.events.Money;
import java.util.UUID;

/** The provider authorized the payment; on {@code shop.payments}, key orderId. */
public record PaymentAuthorized(UUID orderId, UUID paymentId, Money amount, String provider) {

    public static final String TYPE = "shop.payment.authorized.v1";
}
