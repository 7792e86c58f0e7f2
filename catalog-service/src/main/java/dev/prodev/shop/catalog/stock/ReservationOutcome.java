package dev.prodev.shop.catalog.stock;

import dev.prodev.shop.events.StockLine;
import java.util.List;
import java.util.UUID;

/** What a reserve command achieved: all lines, or none with the products that were short. */
public sealed interface ReservationOutcome {

    record Reserved(List<StockLine> lines) implements ReservationOutcome {}

    record Rejected(String reason, List<UUID> unavailableProductIds) implements ReservationOutcome {}
}
