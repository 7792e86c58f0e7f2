package dev.prodev.shop.events.order;

import dev.prodev.shop.events.Money;
import java.util.UUID;

/** A confirmed order was refunded (its money given back, its stock restocked). On {@code shop.orders}. */
public record OrderRefunded(UUID orderId, String customerId, String customerEmail, Money amount, String reason) {

    public static final String TYPE = "shop.order.refunded.v1";
}
