package dev.prodev.shop.order.orders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of an order's timeline: from which state to which, why, and when. */
@Entity
@Table(name = "order_transition")
public class OrderTransition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** {@code null} for the first entry (the order came into existence). */
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private OrderStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    private OrderStatus to;

    @Column(nullable = false, length = 500)
    private String reason;

    @Column(nullable = false)
    private Instant at;

    protected OrderTransition() {}

    OrderTransition(OrderStatus from, OrderStatus to, String reason, Instant at) {
        this.from = from;
        this.to = to;
        this.reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        this.at = at;
    }

    public OrderStatus getFrom() {
        return from;
    }

    public OrderStatus getTo() {
        return to;
    }

    public String getReason() {
        return reason;
    }

    public Instant getAt() {
        return at;
    }
}
