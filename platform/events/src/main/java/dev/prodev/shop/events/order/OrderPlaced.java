package dev.prodev.shop.events.order;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.OrderLine;
import java.util.List;
import java.util.UUID;

/** An order was accepted (state PENDING); published on {@code shop.orders}, key orderId. */
public record OrderPlaced(UUID orderId, String customerId, String customerEmail, List<OrderLine> lines, Money total) {

    public static final String TYPE = "shop.order.placed.v1";
}
