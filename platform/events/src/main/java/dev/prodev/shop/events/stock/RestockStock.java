package dev.prodev.shop.events.stock;

import dev.prodev.shop.events.StockLine;
import java.util.List;
import java.util.UUID;

/**
 * Saga command (order -> catalog) when a confirmed order is refunded: the committed sale of these
 * lines is undone and the units are sellable again. Not ReleaseStock (which gives back a reservation):
 * this puts sold units back on hand, at most as many per product as the order committed.
 */
public record RestockStock(UUID orderId, List<StockLine> lines, String reason) {

    public static final String TYPE = "shop.stock.restock.v1";
}
