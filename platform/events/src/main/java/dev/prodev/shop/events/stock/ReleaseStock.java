package dev.prodev.shop.events.stock;

import java.util.UUID;

/** Saga compensation (order -> catalog) on {@code shop.stock.commands}: give the order's reservation back. */
public record ReleaseStock(UUID orderId, String reason) {

    public static final String TYPE = "shop.stock.release.v1";
}
