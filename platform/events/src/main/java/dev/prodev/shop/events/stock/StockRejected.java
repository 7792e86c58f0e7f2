package dev.prodev.shop.events.stock;

import java.util.List;
import java.util.UUID;

/** Reply (catalog -> order) on {@code shop.stock}: nothing was reserved; which products were short. */
public record StockRejected(UUID orderId, String reason, List<UUID> unavailableProductIds) {

    public static final String TYPE = "shop.stock.rejected.v1";
}
