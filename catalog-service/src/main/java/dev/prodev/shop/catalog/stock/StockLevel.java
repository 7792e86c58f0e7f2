package dev.prodev.shop.catalog.stock;

import java.util.UUID;

/** Stock of one product: what is in the warehouse, what is promised to open orders, and what is left to sell. */
public record StockLevel(UUID productId, int onHand, int reserved, int available) {}
