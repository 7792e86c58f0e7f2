package dev.prodev.shop.events.order;

import dev.prodev.shop.events.Money;
import java.util.UUID;

/** Stock reserved and payment authorized: the order is confirmed. On {@code shop.orders}, key orderId. */
public record OrderConfirmed(UUID orderId, String customerId, String customerEmail, Money total) {

    public static final String TYPE = "shop.order.confirmed.v1";
}
