package dev.prodev.shop.events.stock;

import java.util.List;
import java.util.UUID;

/**
 * Reply (catalog -> order) on {@code shop.stock}: a confirmed order's commit found its reservation
 * expired and the stock sold since, so nothing was committed; the saga refunds and cancels
 * (issue #14, finding 4; ADR 0018).
 */
public record StockCommitFailed(UUID orderId, String reason, List<UUID> unavailableProductIds) {

    public static final String TYPE = "shop.stock.commit-failed.v1";
}
