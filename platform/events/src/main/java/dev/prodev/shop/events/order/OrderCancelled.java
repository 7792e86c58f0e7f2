package dev.prodev.shop.events.order;

import java.util.UUID;

/** The order was cancelled (stock rejected, payment failed, timed out, or by the customer). On {@code shop.orders}. */
public record OrderCancelled(UUID orderId, String customerId, String customerEmail, String reason) {

    public static final String TYPE = "shop.order.cancelled.v1";
}
