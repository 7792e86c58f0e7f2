package dev.prodev.shop.events.payment;

import dev.prodev.shop.events.Money;
import java.util.UUID;

/**
 * The provider authorized the payment; on {@code shop.payments}, key orderId.
 *
 * @param amount what the provider <em>confirmed</em> it took (Chapa's verify answer), which the saga
 *     compares with the order's total (issue #14, ADR 0025)
 * @param requested what we asked the provider to charge; optional (added within {@code .v1}, absent in
 *     events of older producers)
 */
public record PaymentAuthorized(UUID orderId, UUID paymentId, Money amount, String provider, Money requested) {

    public static final String TYPE = "shop.payment.authorized.v1";

    /** An authorization whose confirmed amount is the one requested. */
    public PaymentAuthorized(UUID orderId, UUID paymentId, Money amount, String provider) {
        this(orderId, paymentId, amount, provider, amount);
    }
}
