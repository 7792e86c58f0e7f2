package dev.prodev.shop.order.orders;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer's order and the state of its saga. The order owns its state machine
 * ({@link OrderStatus#canMoveTo}): every step goes through {@link #moveTo}, which refuses an
 * illegal move and writes the timeline. How to react to a stale or repeated reply is the saga's
 * business, not the aggregate's. Entity name {@code CustomerOrder} because {@code Order} is a JPQL keyword.
 */
@Entity(name = "CustomerOrder")
@Table(name = "customer_order")
public class Order {

    /**
     * What a deleted customer's e-mail becomes: a valid address for the event schemas (whose
     * format check refuses the {@code .invalid} TLD) in a domain reserved never to receive mail (RFC 2606).
     */
    public static final String ERASED_EMAIL = "erased@example.com";

    @Id
    private UUID id;

    @Column(name = "customer_id", nullable = false)
    private String customerId;

    @Column(name = "customer_email")
    private String customerEmail;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;

    @Column(name = "total_amount", nullable = false)
    private BigDecimal totalAmount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** When the current saga step gives up; {@code null} once the saga has ended. */
    @Column(name = "deadline_at")
    private Instant deadlineAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    private CancelReason cancelReason;

    @Column(name = "payment_id")
    private UUID paymentId;

    @Version
    private long version;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "order_id", nullable = false)
    @OrderBy("id")
    private List<OrderLineItem> lines = new ArrayList<>();

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "order_id", nullable = false)
    @OrderBy("id")
    private List<OrderTransition> timeline = new ArrayList<>();

    protected Order() {}

    private Order(
            UUID id,
            String customerId,
            String customerEmail,
            List<OrderLineItem> lines,
            Instant at,
            Instant stockDeadline) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        var currencies =
                lines.stream().map(OrderLineItem::getCurrency).distinct().toList();
        if (currencies.size() != 1) {
            throw new IllegalArgumentException("an order is paid in one currency, not " + currencies);
        }
        this.id = Objects.requireNonNull(id);
        this.customerId = Objects.requireNonNull(customerId);
        this.customerEmail = customerEmail;
        this.lines.addAll(lines);
        this.currency = currencies.getFirst();
        this.totalAmount = lines.stream().map(OrderLineItem::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        this.status = OrderStatus.PENDING;
        this.createdAt = at;
        this.updatedAt = at;
        this.deadlineAt = stockDeadline;
        this.timeline.add(new OrderTransition(null, OrderStatus.PENDING, "placed", at));
    }

    /** A new order in state PENDING, waiting for the stock reservation until {@code stockDeadline}. */
    public static Order place(
            UUID id,
            String customerId,
            String customerEmail,
            List<OrderLineItem> lines,
            Instant at,
            Instant stockDeadline) {
        return new Order(id, customerId, customerEmail, lines, at, stockDeadline);
    }

    /** PENDING -> STOCK_RESERVED; the payment must answer by {@code paymentDeadline}. */
    public void stockReserved(Instant at, Instant paymentDeadline) {
        moveTo(OrderStatus.STOCK_RESERVED, "stock reserved", at);
        deadlineAt = paymentDeadline;
    }

    /**
     * The current step's reply is overdue but the saga keeps waiting (the command was sent
     * again): only the deadline moves, the state and the timeline stay as they are.
     */
    public void keepWaitingUntil(Instant deadline) {
        if (status.isTerminal()) {
            throw new IllegalStateException("a " + status + " order waits for nothing");
        }
        deadlineAt = deadline;
    }

    /** STOCK_RESERVED -> PAID; the payment step's deadline still holds until the order is confirmed. */
    public void paid(UUID paymentId, String provider, Instant at) {
        moveTo(OrderStatus.PAID, "payment authorized" + (provider == null ? "" : " by " + provider), at);
        this.paymentId = paymentId;
    }

    /**
     * A payment authorized after the order was cancelled (the cancellation overtook it). Returns
     * whether it is news, i.e. whether the saga must refund it; a repeat of the same late
     * authorization returns false so the money is refunded once.
     */
    public boolean latePayment(UUID paymentId) {
        if (status != OrderStatus.CANCELLED) {
            throw new IllegalStateException("a payment is late only for a cancelled order, this one is " + status);
        }
        if (this.paymentId != null) {
            return false;
        }
        this.paymentId = paymentId;
        return true;
    }

    /** CONFIRMED -> REFUNDED: payment-service gave the money back; the saga restocks the lines. */
    public void refunded(String reason, Instant at) {
        moveTo(OrderStatus.REFUNDED, reason == null || reason.isBlank() ? "refunded" : "refunded: " + reason, at);
    }

    /** PAID -> CONFIRMED: the saga is done. */
    public void confirm(Instant at) {
        moveTo(OrderStatus.CONFIRMED, "confirmed", at);
        deadlineAt = null;
    }

    /**
     * Cancels the order and says what must be undone, judged by the state it leaves: a PENDING
     * order may have a reservation racing the cancellation (unless the catalog itself rejected
     * it); a reserved one holds stock; a paid one holds stock and money.
     */
    public Compensation cancel(CancelReason reason, String detail, Instant at) {
        var from = status;
        if (from == OrderStatus.CONFIRMED && reason != CancelReason.STOCK_COMMIT_FAILED) {
            throwIllegal(from);
        }
        moveTo(
                OrderStatus.CANCELLED,
                detail == null || detail.isBlank() ? reason.code() : reason.code() + ": " + detail,
                at);
        cancelReason = reason;
        deadlineAt = null;
        return switch (from) {
            case PENDING -> new Compensation(reason != CancelReason.STOCK_REJECTED, false);
            case STOCK_RESERVED -> new Compensation(true, false);
            case PAID -> new Compensation(true, true);
            // the stock commit failed: nothing is held, the money goes back
            case CONFIRMED ->
                reason == CancelReason.STOCK_COMMIT_FAILED ? new Compensation(false, true) : throwIllegal(from);
            case CANCELLED, REFUNDED -> throw new IllegalTransitionException(from, OrderStatus.CANCELLED);
        };
    }

    private static Compensation throwIllegal(OrderStatus from) {
        throw new IllegalTransitionException(from, OrderStatus.CANCELLED);
    }

    /** A customer may change their mind only while no money has moved. */
    public boolean isCancellableByCustomer() {
        return status == OrderStatus.PENDING || status == OrderStatus.STOCK_RESERVED;
    }

    /** The customer deleted their account: forget how to reach them, keep the financial facts. */
    public void erasePersonalData() {
        customerEmail = ERASED_EMAIL;
    }

    public boolean isOwnedBy(String customer) {
        return customerId.equals(customer);
    }

    /** Time from placing to now (the saga's duration when called on its last step). */
    public Duration age(Instant now) {
        return Duration.between(createdAt, now);
    }

    private void moveTo(OrderStatus next, String reason, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(status, next);
        }
        timeline.add(new OrderTransition(status, next, reason, at));
        status = next;
        updatedAt = at;
    }

    /** The cancellation text people read: the last timeline entry's reason when cancelled. */
    public String cancellationText() {
        return status == OrderStatus.CANCELLED ? timeline.getLast().getReason() : null;
    }

    public UUID getId() {
        return id;
    }

    public String getCustomerId() {
        return customerId;
    }

    public String getCustomerEmail() {
        return customerEmail;
    }

    public OrderStatus getStatus() {
        return status;
    }

    public BigDecimal getTotalAmount() {
        return totalAmount;
    }

    public String getCurrency() {
        return currency;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getDeadlineAt() {
        return deadlineAt;
    }

    public CancelReason getCancelReason() {
        return cancelReason;
    }

    public UUID getPaymentId() {
        return paymentId;
    }

    public List<OrderLineItem> getLines() {
        return Collections.unmodifiableList(lines);
    }

    public List<OrderTransition> getTimeline() {
        return Collections.unmodifiableList(timeline);
    }
}
