package dev.prodev.shop.events;

import java.util.UUID;

/** A quantity of one product to reserve or that was reserved. */
public record StockLine(UUID productId, int quantity) {}
