package dev.prodev.shop.payment.payments;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.payment.ledger.LedgerEntry;
import dev.prodev.shop.payment.ledger.LedgerEntry.Kind;
import dev.prodev.shop.payment.ledger.LedgerRepository;
import dev.prodev.shop.payment.provider.AuthorizationRequest;
import dev.prodev.shop.payment.provider.AuthorizationResult;
import dev.prodev.shop.payment.provider.AuthorizationResult.Authorized;
import dev.prodev.shop.payment.provider.AuthorizationResult.Declined;
import dev.prodev.shop.payment.provider.AuthorizationResult.Pending;
import dev.prodev.shop.payment.provider.PaymentProvider;
import dev.prodev.shop.payment.provider.PaymentProviders;
import dev.prodev.shop.payment.provider.ProviderUnavailableException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Charges, settles and refunds payments. Every state change, its ledger entry and the event
 * announcing it are written in one transaction (the outbox), so the saga hears about exactly what was
 * stored and the ledger holds exactly the money that moved.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentProviders providers;
    private final Outbox outbox;
    private final PaymentMetrics metrics;
    private final LedgerRepository ledger;

    public PaymentService(
            PaymentRepository payments,
            RefundRepository refunds,
            PaymentProviders providers,
            Outbox outbox,
            PaymentMetrics metrics,
            LedgerRepository ledger) {
        this.ledger = ledger;
        this.payments = payments;
        this.refunds = refunds;
        this.providers = providers;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * Charges the order once. A second command for an order that already has a payment changes
     * and emits nothing: the first outcome is already on {@code shop.payments}.
     */
    @Transactional
    public void authorize(AuthorizePayment command) {
        if (payments.findByOrderId(command.orderId()).isPresent()) {
            log.info("order {} already has a payment; not charging again", command.orderId());
            return;
        }
        var provider = providers.active();
        // the unique order_id makes a concurrent duplicate fail here, before anything is charged
        var payment = payments.saveAndFlush(
                Payment.start(command.orderId(), command.customerId(), command.amount(), provider.name()));
        AuthorizationResult result;
        try {
            result = provider.authorize(new AuthorizationRequest(
                    payment.getOrderId(),
                    payment.getId(),
                    payment.getCustomerId(),
                    payment.money(),
                    payment.getProviderReference()));
        } catch (ProviderUnavailableException ex) {
            fail(payment, ProviderUnavailableException.REASON, "unavailable");
            return;
        }
        apply(payment, result);
    }

    /**
     * A webhook (or reconciliation) said something happened to {@code reference}: ask the provider (a
     * webhook is only a hint) and apply the answer. A PENDING payment takes the answer; a FAILED one
     * (declined, or voided because its order was cancelled) becomes AUTHORIZED when the provider now
     * reports the money taken, so the saga hears of it and refunds what no order needs (issue #14,
     * finding 2). Returns whether a pending payment was found, or a failed one settled late.
     *
     * @throws ProviderUnavailableException when the provider cannot confirm now (the caller answers 503 so the provider retries)
     */
    @Transactional
    public boolean settle(String providerName, String reference) {
        var found = payments.lockByProviderReference(providerName, reference);
        if (found.isEmpty()) {
            log.info("no {} payment with reference {}", providerName, reference);
            return false;
        }
        var payment = found.get();
        if (payment.getStatus() != PaymentStatus.PENDING && payment.getStatus() != PaymentStatus.FAILED) {
            log.info(
                    "payment of order {} is already {}; webhook changes nothing",
                    payment.getOrderId(),
                    payment.getStatus());
            return false;
        }
        var result = provider(payment).verify(reference, payment.money());
        if (payment.getStatus() == PaymentStatus.FAILED && !(result instanceof Authorized)) {
            return false; // still not taken: the failure stands
        }
        if (payment.getStatus() == PaymentStatus.FAILED) {
            log.warn(
                    "payment of order {} was recorded FAILED ({}) but {} reports it taken: settling it late",
                    payment.getOrderId(),
                    payment.getFailureReason(),
                    payment.getProvider());
            metrics.outcome(payment.getProvider(), "late-success");
        }
        apply(payment, result);
        return true;
    }

    /** What reconciliation did to a stale PENDING payment. */
    public enum Reconciled {
        AUTHORIZED,
        DECLINED,
        STILL_PENDING,
        EXPIRED,
        MOVED_ON
    }

    /**
     * Reconciliation: asks the provider about a PENDING payment whose webhook never came. A checkout the
     * customer has not completed after {@code checkoutExpiry} is expired (PaymentFailed, a VOID in the
     * ledger): our providers offer no call to cancel a hosted checkout, so a later payment at it is
     * found by {@link #settle} on a FAILED payment and refunded through the saga.
     */
    @Transactional
    public Reconciled reconcilePending(String providerName, String reference, java.time.Duration checkoutExpiry) {
        var found = payments.lockByProviderReference(providerName, reference);
        if (found.isEmpty() || found.get().getStatus() != PaymentStatus.PENDING) {
            return Reconciled.MOVED_ON;
        }
        var payment = found.get();
        var result = provider(payment).verify(reference, payment.money());
        if (result instanceof Pending) {
            if (payment.getCreatedAt().plus(checkoutExpiry).isAfter(Instant.now())) {
                return Reconciled.STILL_PENDING;
            }
            record(payment, Kind.VOID, payment.money(), reference, "checkout expired");
            fail(payment, "checkout expired after " + checkoutExpiry, "expired");
            return Reconciled.EXPIRED;
        }
        apply(payment, result);
        return result instanceof Authorized ? Reconciled.AUTHORIZED : Reconciled.DECLINED;
    }

    /** Reconciliation: retries a refund with an unknown outcome, under the same idempotency reference. */
    @Transactional
    public void retryRefund(UUID orderId) {
        var payment = payments.lockByOrderId(orderId).orElseThrow(() -> new PaymentNotFoundException(orderId));
        if (payment.getStatus() == PaymentStatus.REFUND_PENDING) {
            refund(orderId, "retry of a refund with an unknown outcome", "reconciliation");
        }
    }

    /**
     * Refunds the whole payment (admin). {@link PaymentStateException} when it is neither AUTHORIZED nor
     * REFUND_PENDING. The provider gets the same refund reference ({@link #refundReference}) on every
     * attempt, so retrying a refund whose outcome is unknown cannot refund twice.
     *
     * <p>When the call may have reached the provider but gave no answer (timeout, I/O error, 5xx) the
     * payment is recorded as REFUND_PENDING and returned: the money may have moved, so this is never
     * "nothing changed"; a retry (admin, the saga's command, reconciliation) completes it.
     *
     * @throws ProviderUnavailableException only when the call was refused before it left (circuit open,
     *     bulkhead full); then nothing changed
     */
    @Transactional
    public Payment refund(UUID orderId, String reason, String requestedBy) {
        var payment = payments.lockByOrderId(orderId).orElseThrow(() -> new PaymentNotFoundException(orderId));
        payment.requireRefundable();
        var taken = payment.captured();
        String providerReference;
        try {
            providerReference =
                    provider(payment).refund(payment.getProviderReference(), refundReference(payment), taken, reason);
        } catch (ProviderUnavailableException ex) {
            if (!ex.outcomeUnknown()) {
                throw ex;
            }
            if (payment.getStatus() != PaymentStatus.REFUND_PENDING) {
                payment.refundPending();
                record(payment, Kind.REFUND_PENDING, taken, refundReference(payment), reason);
            }
            metrics.outcome(payment.getProvider(), "refund-pending");
            log.warn(
                    "refund of order {} ({}) has an unknown outcome, recorded as REFUND_PENDING for a retry: {}",
                    orderId,
                    reason,
                    ex.getMessage());
            return payment;
        }
        payment.refund();
        refunds.save(new Refund(payment, reason, providerReference, requestedBy));
        record(payment, Kind.REFUND, taken, providerReference, reason);
        outbox.append(orderId.toString(), new PaymentRefunded(orderId, payment.getId(), taken));
        metrics.outcome(payment.getProvider(), "refunded");
        log.info("refunded the payment of order {} ({}) for {}", orderId, reason, requestedBy);
        return payment;
    }

    /**
     * The saga (or an admin tool) asks for a refund: refunds an authorized payment, voids one still
     * waiting for checkout, and ignores the rest (nothing was taken, or it is refunded already).
     */
    @Transactional
    public void refundOnRequest(RefundPayment command, String requestedBy) {
        var found = payments.lockByOrderId(command.orderId());
        if (found.isEmpty()) {
            log.info("refund requested for order {} which has no payment: nothing to refund", command.orderId());
            return;
        }
        var payment = found.get();
        switch (payment.getStatus()) {
            case AUTHORIZED, REFUND_PENDING -> refund(command.orderId(), command.reason(), requestedBy);
            case PENDING -> {
                payment.voidPending(command.reason());
                record(payment, Kind.VOID, payment.money(), payment.getProviderReference(), command.reason());
                metrics.outcome(payment.getProvider(), "voided");
                log.info("voided the pending payment of order {}: {}", command.orderId(), command.reason());
            }
            case FAILED, REFUNDED ->
                log.info(
                        "refund requested for order {} whose payment is {}: nothing to do",
                        command.orderId(),
                        payment.getStatus());
        }
    }

    /** The idempotency reference of the payment's (one, full) refund at the provider: the same on every retry. */
    static String refundReference(Payment payment) {
        return "refund-" + payment.getId();
    }

    private PaymentProvider provider(Payment payment) {
        return providers
                .byName(payment.getProvider())
                .orElseThrow(() -> new IllegalStateException("payment of order " + payment.getOrderId()
                        + " was made with " + payment.getProvider() + ", which is not configured"));
    }

    private void apply(Payment payment, AuthorizationResult result) {
        var late = payment.getStatus() == PaymentStatus.FAILED;
        switch (result) {
            case Authorized authorized -> {
                var taken = authorized.confirmed() != null ? authorized.confirmed() : payment.money();
                if (late) {
                    payment.authorizeLate(taken);
                } else {
                    payment.authorize(taken);
                }
                record(payment, Kind.AUTHORIZATION, taken, authorized.reference(), late ? "late success" : null);
                record(payment, Kind.CAPTURE, taken, authorized.reference(), null);
                if (payment.capturedOtherThanRequested()) {
                    // the saga cancels and refunds it; counted here so the provider side is visible too
                    metrics.outcome(payment.getProvider(), "amount-mismatch");
                    log.warn(
                            "{} confirmed {} {} for order {} instead of the {} {} requested",
                            payment.getProvider(),
                            taken.amount(),
                            taken.currency(),
                            payment.getOrderId(),
                            payment.getAmount(),
                            payment.getCurrency());
                }
                outbox.append(
                        payment.getOrderId().toString(),
                        new PaymentAuthorized(
                                payment.getOrderId(), payment.getId(), taken, payment.getProvider(), payment.money()));
                metrics.outcome(payment.getProvider(), "authorized");
            }
            case Declined declined -> fail(payment, declined.reason(), "declined");
            case Pending pending -> {
                if (pending.checkoutUrl() != null) {
                    payment.awaitCheckout(pending.checkoutUrl());
                }
                metrics.outcome(payment.getProvider(), "pending");
            }
        }
    }

    private void record(Payment payment, Kind kind, Money money, String providerReference, String note) {
        ledger.save(new LedgerEntry(
                payment.getId(), payment.getOrderId(), kind, money, providerReference, note, Instant.now()));
    }

    private void fail(Payment payment, String reason, String outcome) {
        payment.fail(reason);
        outbox.append(
                payment.getOrderId().toString(), new PaymentFailed(payment.getOrderId(), payment.getFailureReason()));
        metrics.outcome(payment.getProvider(), outcome);
        log.info("payment of order {} failed: {}", payment.getOrderId(), reason);
    }
}
