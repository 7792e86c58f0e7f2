package dev.prodev.shop.events.stock;

import java.util.UUID;

/** Reply (catalog -> order) on {@code shop.stock}: the order's reservation was given back. */
public record StockReleased(UUID orderId) {

    public static final String TYPE = "shop.stock.released.v1";
}
