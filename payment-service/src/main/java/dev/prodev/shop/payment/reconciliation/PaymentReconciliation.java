package dev.prodev.shop.payment.reconciliation;

import dev.prodev.shop.payment.payments.PaymentService;
import dev.prodev.shop.payment.provider.ProviderUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the provider again about every payment whose outcome we may have wrong (issue #14, finding 2;
 * ADR 0025), on one replica at a time (ShedLock):
 *
 * <ul>
 *   <li>PENDING payments older than {@code stale-after}: a lost or rejected webhook must not leave money
 *       taken without an order; a success is settled (PaymentAuthorized, which the saga follows: a live
 *       order is confirmed, a cancelled one refunded), a decline fails it, and a checkout still open
 *       after {@code checkout-expiry} is expired (PaymentFailed, a VOID in the ledger);
 *   <li>FAILED payments of the last {@code failed-window} (declined, voided for a cancelled order): a
 *       customer who paid anyway is settled late, and the saga refunds what no order needs;
 *   <li>REFUND_PENDING payments: the refund is retried with the same idempotency reference.
 * </ul>
 *
 * Each payment is settled in its own transaction; one the provider cannot answer for is tried again on
 * the next run. {@code reconciled_at} rotates the work so a large backlog is covered run by run.
 */
@Component
class PaymentReconciliation {

    static final String LOCK = "payment.reconciliation";

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);

    private final JdbcTemplate jdbc;
    private final PaymentService payments;
    private final MeterRegistry registry;
    private final Duration staleAfter;
    private final Duration failedWindow;
    private final Duration checkoutExpiry;
    private final int batch;

    PaymentReconciliation(
            JdbcTemplate jdbc,
            PaymentService payments,
            MeterRegistry registry,
            @Value("${shop.payment.reconciliation.stale-after:10m}") Duration staleAfter,
            @Value("${shop.payment.reconciliation.failed-window:2d}") Duration failedWindow,
            @Value("${shop.payment.reconciliation.checkout-expiry:1d}") Duration checkoutExpiry,
            @Value("${shop.payment.reconciliation.batch:100}") int batch) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.registry = registry;
        this.staleAfter = staleAfter;
        this.failedWindow = failedWindow;
        this.checkoutExpiry = checkoutExpiry;
        this.batch = batch;
    }

    record Candidate(UUID orderId, String provider, String reference, String status) {}

    @Scheduled(
            fixedDelayString = "${shop.payment.reconciliation.interval:5m}",
            initialDelayString = "${shop.payment.reconciliation.initial-delay:2m}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT30M")
    public void run() {
        var candidates = jdbc.query(
                """
                select order_id, provider, provider_reference, status from payment
                 where provider_reference is not null
                   and ((status = 'PENDING' and updated_at < now() - ? * interval '1 second')
                     or (status = 'FAILED' and updated_at > now() - ? * interval '1 second'
                         and (reconciled_at is null or reconciled_at < now() - ? * interval '1 second'))
                     or status = 'REFUND_PENDING')
                 order by reconciled_at nulls first, updated_at
                 limit ?""",
                (rs, i) -> new Candidate(
                        rs.getObject("order_id", UUID.class),
                        rs.getString("provider"),
                        rs.getString("provider_reference"),
                        rs.getString("status")),
                staleAfter.toSeconds(),
                failedWindow.toSeconds(),
                staleAfter.toSeconds(),
                batch);
        for (var candidate : candidates) {
            reconcile(candidate);
        }
    }

    private void reconcile(Candidate candidate) {
        String outcome;
        try {
            outcome = switch (candidate.status()) {
                case "REFUND_PENDING" -> {
                    payments.retryRefund(candidate.orderId());
                    yield "refund-retried";
                }
                case "PENDING" ->
                    payments.reconcilePending(candidate.provider(), candidate.reference(), checkoutExpiry)
                            .name()
                            .toLowerCase(java.util.Locale.ROOT);
                default ->
                    payments.settle(candidate.provider(), candidate.reference()) ? "late-success" : "still-failed";
            };
        } catch (ProviderUnavailableException ex) {
            outcome = "provider-unavailable";
            log.info("reconciliation of order {} deferred: {}", candidate.orderId(), ex.getMessage());
        } catch (RuntimeException ex) {
            outcome = "error";
            log.warn("reconciliation of order {} failed", candidate.orderId(), ex);
        }
        jdbc.update("update payment set reconciled_at = now() where order_id = ?", candidate.orderId());
        Counter.builder("shop.payment.reconciliation")
                .description("Payments re-checked with the provider by reconciliation, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
