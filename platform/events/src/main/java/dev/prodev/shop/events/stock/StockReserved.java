package dev.prodev.shop.events.stock;

import dev.prodev.shop.events.StockLine;
import java.util.List;
import java.util.UUID;

/** Reply (catalog -> order) on {@code shop.stock}: every line was reserved. */
public record StockReserved(UUID orderId, List<StockLine> lines) {

    public static final String TYPE = "shop.stock.reserved.v1";
}
