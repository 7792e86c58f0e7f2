package dev.prodev.shop.payment.payments;

import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.payment.provider.AuthorizationRequest;
import dev.prodev.shop.payment.provider.AuthorizationResult;
import dev.prodev.shop.payment.provider.AuthorizationResult.Authorized;
import dev.prodev.shop.payment.provider.AuthorizationResult.Declined;
import dev.prodev.shop.payment.provider.AuthorizationResult.Pending;
import dev.prodev.shop.payment.provider.PaymentProvider;
import dev.prodev.shop.payment.provider.PaymentProviders;
import dev.prodev.shop.payment.provider.ProviderUnavailableException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Charges, settles and refunds payments. Every state change and the event announcing it are
 * written in one transaction (the outbox), so the saga hears about exactly what was stored.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentProviders providers;
    private final Outbox outbox;
    private final PaymentMetrics metrics;

    public PaymentService(
            PaymentRepository payments,
            RefundRepository refunds,
            PaymentProviders providers,
            Outbox outbox,
            PaymentMetrics metrics) {
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
     * A webhook said something happened to {@code reference}: ask the provider (the webhook is only
     * a hint) and apply the answer. Returns whether a pending payment was found.
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
        if (payment.getStatus() != PaymentStatus.PENDING) {
            log.info(
                    "payment of order {} is already {}; webhook changes nothing",
                    payment.getOrderId(),
                    payment.getStatus());
            return false;
        }
        var provider = provider(payment);
        apply(payment, provider.verify(reference));
        return true;
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
        String providerReference;
        try {
            providerReference = provider(payment)
                    .refund(payment.getProviderReference(), refundReference(payment), payment.money(), reason);
        } catch (ProviderUnavailableException ex) {
            if (!ex.outcomeUnknown()) {
                throw ex;
            }
            payment.refundPending();
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
        outbox.append(orderId.toString(), new PaymentRefunded(orderId, payment.getId(), payment.money()));
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
        switch (result) {
            case Authorized authorized -> {
                payment.authorize();
                outbox.append(
                        payment.getOrderId().toString(),
                        new PaymentAuthorized(
                                payment.getOrderId(), payment.getId(), payment.money(), payment.getProvider()));
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

    private void fail(Payment payment, String reason, String outcome) {
        payment.fail(reason);
        outbox.append(
                payment.getOrderId().toString(), new PaymentFailed(payment.getOrderId(), payment.getFailureReason()));
        metrics.outcome(payment.getProvider(), outcome);
        log.info("payment of order {} failed: {}", payment.getOrderId(), reason);
    }
}
