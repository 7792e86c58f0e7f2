package dev.prodev.shop.order.orders;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands in its saga. The legal moves between states live here, in one place. */
public enum OrderStatus {
    PENDING,
    STOCK_RESERVED,
    PAID,
    CONFIRMED,
    CANCELLED,
    /** A confirmed order whose money was given back in full and whose stock was restocked (ADR 0025). */
    REFUNDED;

    /** States whose saga is still running: the deadline job watches only these. */
    public static final Set<OrderStatus> RUNNING = EnumSet.of(PENDING, STOCK_RESERVED, PAID);

    /** Whether the saga may move from this state to {@code next}. */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING -> next == STOCK_RESERVED || next == CANCELLED;
            case STOCK_RESERVED -> next == PAID || next == CANCELLED;
            case PAID -> next == CONFIRMED || next == CANCELLED;
            // only the saga's own compensation of a failed stock commit leaves CONFIRMED (Order#cancel)
            case CONFIRMED -> next == CANCELLED || next == REFUNDED;
            case CANCELLED, REFUNDED -> false;
        };
    }

    public boolean isTerminal() {
        return this == CONFIRMED || this == CANCELLED || this == REFUNDED;
    }
}
