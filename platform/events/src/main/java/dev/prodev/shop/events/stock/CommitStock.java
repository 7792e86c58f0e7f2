package dev.prodev.shop.events.stock;

import java.util.UUID;

/** Saga command (order -> catalog) on confirm: the reservation becomes a sale and never expires. */
public record CommitStock(UUID orderId) {

    public static final String TYPE = "shop.stock.commit.v1";
}
