package dev.prodev.shop.events.stock;

import dev.prodev.shop.events.StockLine;
import java.util.List;
import java.util.UUID;

/** Saga command (order -> catalog) on {@code shop.stock.commands}: reserve all lines or none. */
public record ReserveStock(UUID orderId, List<StockLine> lines) {

    public static final String TYPE = "shop.stock.reserve.v1";
}
