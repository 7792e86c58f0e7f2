package dev.prodev.shop.order.saga;

import dev.prodev.shop.events.InvalidEventException;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.OrderLine;
import dev.prodev.shop.events.StockLine;
import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.events.order.OrderRefunded;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.RestockStock;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.order.admission.CustomerQuota;
import dev.prodev.shop.order.idempotency.IdempotencyKeys;
import dev.prodev.shop.order.orders.CancelReason;
import dev.prodev.shop.order.orders.Compensation;
import dev.prodev.shop.order.orders.Order;
import dev.prodev.shop.order.orders.OrderRefused;
import dev.prodev.shop.order.orders.OrderRepository;
import dev.prodev.shop.order.orders.OrderStatus;
import dev.prodev.shop.order.orders.OrderViews.OrderView;
import dev.prodev.shop.order.pricing.PriceList;
import dev.prodev.shop.order.pricing.PriceList.Wanted;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The orchestrator of the order saga: PENDING -> STOCK_RESERVED -> PAID -> CONFIRMED, or
 * CANCELLED with compensation. Each step changes the order and appends the commands and events
 * it causes to the outbox in one transaction, so a step happens completely or not at all.
 *
 * <p>Replies are idempotent twice over: the inbox drops a redelivered event (same id) before it
 * gets here, and each step checks the order's state, so a second reply with the same meaning
 * (or one that arrives after the saga moved on) changes nothing.
 */
@Service
public class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    private final OrderRepository orders;
    private final PriceList priceList;
    private final IdempotencyKeys idempotencyKeys;
    private final Outbox outbox;
    private final SagaProperties properties;
    private final SagaMetrics metrics;
    private final Clock clock;
    private final CustomerQuota quota;

    OrderSaga(
            OrderRepository orders,
            PriceList priceList,
            IdempotencyKeys idempotencyKeys,
            Outbox outbox,
            SagaProperties properties,
            SagaMetrics metrics,
            Clock clock,
            CustomerQuota quota) {
        this.quota = quota;
        this.orders = orders;
        this.priceList = priceList;
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The result of placing: the order, and whether this request created it or repeated an earlier one. */
    public record Placement(OrderView order, boolean created) {}

    /**
     * Places an order (or finds the one this Idempotency-Key already placed): PENDING, with
     * {@code OrderPlaced} and the {@code ReserveStock} command in the same transaction. A new
     * order must fit the customer's limits ({@link CustomerQuota}: 429 otherwise).
     */
    @Transactional
    public Placement place(String customerId, String customerEmail, String idempotencyKey, List<Wanted> wanted) {
        var fingerprint = IdempotencyKeys.fingerprint(wanted.stream()
                .sorted(Comparator.comparing(Wanted::productId))
                .map(line -> line.productId() + "x" + line.quantity())
                .collect(Collectors.joining(",")));
        var orderId = UUID.randomUUID();
        // limits first (nothing written yet), but a retry of a placed order still finds it
        quota.lock(customerId);
        var earlier = idempotencyKeys.earlier(customerId, idempotencyKey, fingerprint);
        if (earlier.isEmpty()) {
            quota.checkRoomFor(
                    customerId, wanted.stream().mapToInt(Wanted::quantity).sum());
            earlier = idempotencyKeys.claim(customerId, idempotencyKey, fingerprint, orderId);
        }
        if (earlier.isPresent()) {
            return new Placement(OrderView.of(orders.findById(earlier.get()).orElseThrow()), false);
        }
        var now = clock.instant();
        var order = Order.place(
                orderId, customerId, customerEmail, priceList.price(wanted), now, now.plus(properties.stockDeadline()));
        orders.save(order);
        var key = orderId.toString();
        var placed = new OrderPlaced(
                orderId,
                customerId,
                customerEmail,
                order.getLines().stream()
                        .map(line -> new OrderLine(
                                line.getProductId(),
                                line.getQuantity(),
                                new Money(line.getUnitPrice(), line.getCurrency())))
                        .toList(),
                total(order));
        try {
            outbox.append(key, placed);
        } catch (InvalidEventException ex) {
            // the only client-supplied text in the event is the token's e-mail claim
            throw new OrderRefused.OrderNotAnnounceable(ex.errors());
        }
        outbox.append(key, reserveStock(order));
        metrics.placed();
        return new Placement(OrderView.of(order), true);
    }

    /** The catalog reserved every line: ask payment-service to authorize the total. */
    @Transactional
    public void stockReserved(UUID orderId) {
        withOrder(orderId, "stock reserved", order -> {
            if (order.getStatus() != OrderStatus.PENDING) {
                // a repeat, or the order was cancelled meanwhile: that cancellation's ReleaseStock
                // follows the ReserveStock on the same partition, so the reservation is released anyway
                return false;
            }
            var now = clock.instant();
            order.stockReserved(now, now.plus(properties.paymentDeadline()));
            outbox.append(
                    order.getId().toString(), new AuthorizePayment(order.getId(), order.getCustomerId(), total(order)));
            return true;
        });
    }

    /** The catalog could not reserve: cancel, nothing to undo and nothing charged. */
    @Transactional
    public void stockRejected(UUID orderId, String reason) {
        withOrder(orderId, "stock rejected", order -> {
            if (order.getStatus() != OrderStatus.PENDING) {
                return false;
            }
            cancel(order, CancelReason.STOCK_REJECTED, reason);
            return true;
        });
    }

    /**
     * The payment was authorized: PAID, then the reservation becomes a sale and the order is
     * CONFIRMED. {@code amount} is what the provider confirmed it took and {@code requested} (optional,
     * absent from older producers) what payment-service asked for. An authorization for another amount
     * than the order's total is refunded and the order cancelled: {@code payment-not-as-charged} when the
     * provider took other money than asked for, {@code payment-mismatch} when we asked for the wrong
     * amount. One that arrives after the order was cancelled is refunded.
     */
    @Transactional
    public void paymentAuthorized(UUID orderId, UUID paymentId, Money amount, String provider, Money requested) {
        if (orders.lockById(orderId).isEmpty()) {
            // orders are never deleted, so money taken for an order we never placed goes back (issue #14, finding 2)
            log.warn("payment {} authorized for order {} which does not exist: refunding it", paymentId, orderId);
            outbox.append(orderId.toString(), new RefundPayment(orderId, "order unknown"));
            return;
        }
        withOrder(orderId, "payment authorized", order -> {
            switch (order.getStatus()) {
                case STOCK_RESERVED -> {
                    var now = clock.instant();
                    order.paid(paymentId, provider, now);
                    if (!sameMoney(amount, total(order))) {
                        var providerTookOther = requested != null && sameMoney(requested, total(order));
                        cancel(
                                order,
                                providerTookOther ? CancelReason.PAYMENT_NOT_AS_CHARGED : CancelReason.PAYMENT_MISMATCH,
                                (providerTookOther ? provider + " confirmed " : "authorized ") + amount.amount()
                                        + " " + amount.currency() + " instead of " + order.getTotalAmount() + " "
                                        + order.getCurrency());
                        return true;
                    }
                    order.confirm(now);
                    var key = order.getId().toString();
                    outbox.append(key, new CommitStock(order.getId()));
                    outbox.append(
                            key,
                            new OrderConfirmed(
                                    order.getId(), order.getCustomerId(), order.getCustomerEmail(), total(order)));
                    metrics.confirmed(order.age(now));
                    return true;
                }
                case CANCELLED -> {
                    if (order.latePayment(paymentId)) {
                        // the order was cancelled while the authorization was in flight: give the money back
                        outbox.append(
                                order.getId().toString(),
                                new RefundPayment(
                                        order.getId(),
                                        "order already cancelled: "
                                                + order.getCancelReason().code()));
                        return true;
                    }
                    return false;
                }
                default -> {
                    return false;
                }
            }
        });
    }

    /**
     * A confirmed order's stock could not be committed (its reservation expired and the units were
     * sold again): refund and cancel with the reason, so no CONFIRMED order is left without stock
     * (issue #14 finding 4, ADR 0018).
     */
    @Transactional
    public void stockCommitFailed(UUID orderId, String reason) {
        withOrder(orderId, "stock commit failed", order -> {
            if (order.getStatus() != OrderStatus.CONFIRMED) {
                return false;
            }
            cancel(order, CancelReason.STOCK_COMMIT_FAILED, reason);
            return true;
        });
    }

    /**
     * An admin refunds a CONFIRMED order in full: order-service asks payment-service for the refund
     * (RefundPayment); the order becomes REFUNDED, with its stock restocked, when PaymentRefunded
     * arrives ({@link #paymentRefunded}), so the order never claims a refund the provider did not
     * make. Repeating the request is harmless: payment-service refunds a payment once. 409 for any
     * other state, 404 for an unknown order.
     */
    @Transactional
    public OrderView refundOnRequest(UUID orderId, String reason) {
        var order = orders.lockById(orderId).orElseThrow(() -> new OrderRefused.OrderNotFound(orderId));
        if (order.getStatus() != OrderStatus.CONFIRMED) {
            throw new OrderRefused.OrderNotRefundable(order.getStatus());
        }
        outbox.append(order.getId().toString(), new RefundPayment(order.getId(), "refund: " + reason));
        return OrderView.of(order);
    }

    /**
     * payment-service gave a payment back. For a CONFIRMED order (an admin refund, here or at
     * payment-service's own endpoint) that is a return: REFUNDED in the timeline, RestockStock puts the
     * sold units back (a committed sale undone, not a released reservation) and OrderRefunded tells the
     * customer. For a cancelled order it is the saga's own compensation: nothing more to do.
     */
    @Transactional
    public void paymentRefunded(UUID orderId, Money amount) {
        withOrder(orderId, "payment refunded", order -> {
            if (order.getStatus() != OrderStatus.CONFIRMED) {
                return false;
            }
            var now = clock.instant();
            var what = amount == null ? "" : amount.amount() + " " + amount.currency();
            order.refunded(what, now);
            var key = order.getId().toString();
            outbox.append(
                    key,
                    new RestockStock(
                            order.getId(),
                            order.getLines().stream()
                                    .map(line -> new StockLine(line.getProductId(), line.getQuantity()))
                                    .toList(),
                            "order refunded"));
            outbox.append(
                    key,
                    new OrderRefunded(
                            order.getId(),
                            order.getCustomerId(),
                            order.getCustomerEmail(),
                            amount == null ? total(order) : amount,
                            "refunded " + what));
            metrics.refunded();
            return true;
        });
    }

    /** The payment failed: release the reservation and cancel. */
    @Transactional
    public void paymentFailed(UUID orderId, String reason) {
        withOrder(orderId, "payment failed", order -> {
            if (order.getStatus() != OrderStatus.STOCK_RESERVED) {
                return false;
            }
            cancel(order, CancelReason.PAYMENT_FAILED, reason);
            return true;
        });
    }

    /**
     * The customer (or an admin) cancels: only before any money moved (409 otherwise). Another
     * customer's order is not found (404), so its existence is not revealed.
     */
    @Transactional
    public OrderView cancelOnRequest(UUID orderId, String requester, boolean admin) {
        var order = orders.lockById(orderId)
                .filter(found -> admin || found.isOwnedBy(requester))
                .orElseThrow(() -> new OrderRefused.OrderNotFound(orderId));
        if (!order.isCancellableByCustomer()) {
            throw new OrderRefused.OrderNotCancellable(order.getStatus());
        }
        cancel(order, CancelReason.CUSTOMER, admin && !order.isOwnedBy(requester) ? "by an admin" : "by the customer");
        return OrderView.of(order);
    }

    /** What the deadline job did with an overdue saga. */
    public enum Expiry {
        /** Not overdue (any more): it moved on since the job looked. */
        NOTHING,
        /** The stock step is overdue: {@code ReserveStock} was sent again and the order keeps waiting. */
        RESENT,
        /** Cancelled and compensated: the payment step's wait, or the stock step's give-up, passed. */
        CANCELLED
    }

    /**
     * The deadline job's step for one overdue order (ADR 0021). A PENDING order is an internal
     * step: the catalog's reply is late because the pipeline is slow or was restarted, not because
     * the customer or the shop decided anything. So the {@code ReserveStock} command is sent again
     * (the catalog answers a repeat with what it decided before) and the order waits another
     * {@code stock-deadline}; it is cancelled only once {@code stock-give-up} has passed since it
     * was placed. A STOCK_RESERVED or PAID order is waiting for the customer and the payment
     * provider, and is cancelled at its deadline as before.
     */
    @Transactional
    public Expiry expire(UUID orderId) {
        var order = orders.lockById(orderId).orElse(null);
        var now = clock.instant();
        if (order == null
                || order.getStatus().isTerminal()
                || order.getDeadlineAt() == null
                || order.getDeadlineAt().isAfter(now)) {
            return Expiry.NOTHING; // moved on since the job looked
        }
        if (order.getStatus() == OrderStatus.PENDING) {
            var giveUpAt = order.getCreatedAt().plus(properties.stockGiveUp());
            if (now.isBefore(giveUpAt)) {
                var next = now.plus(properties.stockDeadline());
                order.keepWaitingUntil(next.isAfter(giveUpAt) ? giveUpAt : next);
                outbox.append(order.getId().toString(), reserveStock(order));
                metrics.stepResent("stock");
                log.debug(
                        "no stock reply for order {} placed at {}: ReserveStock sent again, waiting until {}",
                        orderId,
                        order.getCreatedAt(),
                        order.getDeadlineAt());
                return Expiry.RESENT;
            }
        }
        var waitingFor = switch (order.getStatus()) {
            case PENDING -> "no stock reply";
            case STOCK_RESERVED -> "no payment outcome";
            default -> "not confirmed";
        };
        cancel(order, CancelReason.DEADLINE, waitingFor + " by " + order.getDeadlineAt());
        return Expiry.CANCELLED;
    }

    private static ReserveStock reserveStock(Order order) {
        return new ReserveStock(
                order.getId(),
                order.getLines().stream()
                        .map(line -> new StockLine(line.getProductId(), line.getQuantity()))
                        .toList());
    }

    private void cancel(Order order, CancelReason reason, String detail) {
        var now = clock.instant();
        Compensation compensation = order.cancel(reason, detail, now);
        var key = order.getId().toString();
        if (compensation.refundPayment()) {
            outbox.append(key, new RefundPayment(order.getId(), reason.code()));
        }
        if (compensation.releaseStock()) {
            outbox.append(key, new ReleaseStock(order.getId(), reason.code()));
        }
        outbox.append(
                key,
                new OrderCancelled(
                        order.getId(), order.getCustomerId(), order.getCustomerEmail(), order.cancellationText()));
        metrics.cancelled(reason, order.age(now));
    }

    private void withOrder(UUID orderId, String what, Predicate<Order> step) {
        var order = orders.lockById(orderId).orElse(null);
        if (order == null) {
            log.warn("{} for unknown order {}: ignored", what, orderId);
            return;
        }
        var from = order.getStatus();
        if (!step.test(order)) {
            log.info("{} for order {} in state {}: nothing to do", what, orderId, from);
        }
    }

    private static Money total(Order order) {
        return new Money(order.getTotalAmount(), order.getCurrency());
    }

    private static boolean sameMoney(Money a, Money b) {
        return a != null
                && a.amount() != null
                && a.currency() != null
                && a.currency().equals(b.currency())
                && a.amount().compareTo(b.amount()) == 0;
    }
}
