package dev.prodev.shop.payment.reconciliation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.payment.PaymentIntegrationTest;
import dev.prodev.shop.payment.payments.Payment;
import dev.prodev.shop.payment.payments.PaymentRepository;
import dev.prodev.shop.payment.payments.PaymentService;
import dev.prodev.shop.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Verified payments, the ledger and reconciliation against a WireMock "Chapa" (issue #14, findings 1
 * and 2; ADR 0025). Each test would fail on the code before: verify took "success" for the requested
 * amount, nothing re-checked a pending or failed payment, and nothing recorded the money that moved.
 */
class PaymentReconciliationIT extends PaymentIntegrationTest {

    private static final String ADMIN = TestTokens.bearer("admin", "admin", "customer");

    @Autowired
    PaymentRepository payments;

    @Autowired
    PaymentService service;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    MeterRegistry meters;

    @Test
    void aPendingPaymentWhoseWebhookWasLostIsSettledByReconciliationWithTheConfirmedAmount() {
        var orderId = chapaPayment("500.00", "PENDING", "1 hour");
        stubVerify(orderId, "success", "500.00", "ETB");

        reconciliation.run();

        assertThat(paymentStatus(orderId)).isEqualTo("AUTHORIZED");
        var event = awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);
        assertThat(event.get("amount").get("amount").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(event.get("requested").get("amount").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(ledgerKinds(orderId)).containsExactly("AUTHORIZATION", "CAPTURE");
    }

    @Test
    void anUnderpaymentIsPublishedAsTheAmountChapaConfirmedAndRefundedAsSuch() throws Exception {
        var orderId = chapaPayment("500.00", "PENDING", "1 hour");
        stubVerify(orderId, "success", "100.00", "ETB");
        var mismatches = outcomes("amount-mismatch");

        reconciliation.run();

        var event = awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);
        assertThat(event.get("amount").get("amount").decimalValue())
                .as("the saga's amount guard sees what Chapa took, not what we asked for")
                .isEqualByComparingTo("100.00");
        assertThat(event.get("requested").get("amount").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(outcomes("amount-mismatch")).isEqualTo(mismatches + 1);

        // the saga cancels the order and asks for the refund: the refund gives back what was taken
        chapaApi.stubFor(WireMock.post("/v1/refund/shop-" + orderId)
                .willReturn(okJson("{\"message\":\"Refunded\",\"status\":\"success\",\"data\":{\"ref\":\"RF1\"}}")));
        service.refundOnRequest(
                new dev.prodev.shop.events.payment.RefundPayment(orderId, "payment-not-as-charged"), "saga");

        assertThat(paymentStatus(orderId)).isEqualTo("REFUNDED");
        chapaApi.verify(postRequestedFor(urlEqualTo("/v1/refund/shop-" + orderId))
                .withRequestBody(containing("amount=100.00")));
        var refunded = awaitPaymentEvent(orderId, PaymentRefunded.TYPE);
        assertThat(refunded.get("amount").get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(ledgerKinds(orderId)).containsExactly("AUTHORIZATION", "CAPTURE", "REFUND");
    }

    @Test
    void aCustomerWhoPaysAfterTheCheckoutWasVoidedIsSettledLateSoTheSagaRefundsIt() {
        var orderId = chapaPayment("75.00", "FAILED", "30 minutes");
        stubVerify(orderId, "success", "75.00", "ETB");

        reconciliation.run();

        assertThat(paymentStatus(orderId)).isEqualTo("AUTHORIZED");
        assertThat(awaitPaymentEvent(orderId, PaymentAuthorized.TYPE)
                        .get("paymentId")
                        .asString())
                .isEqualTo(paymentId(orderId).toString());
        assertThat(ledgerNotes(orderId)).contains("late success");
    }

    @Test
    void aFailedPaymentTheProviderStillReportsFailedStaysFailedAndIsNotAskedAgainAtOnce() {
        var orderId = chapaPayment("76.00", "FAILED", "30 minutes");
        stubVerify(orderId, "failed/cancelled", "76.00", "ETB");

        reconciliation.run();
        reconciliation.run();

        assertThat(paymentStatus(orderId)).isEqualTo("FAILED");
        chapaApi.verify(1, WireMock.getRequestedFor(urlEqualTo("/v1/transaction/verify/shop-" + orderId)));
        assertThat(ledgerKinds(orderId)).isEmpty();
    }

    @Test
    void aCheckoutStillOpenPastItsExpiryIsExpiredWithAVoidAndPaymentFailed() {
        var orderId = chapaPayment("60.00", "PENDING", "2 days");
        stubVerify(orderId, "pending", "60.00", "ETB");

        reconciliation.run();

        assertThat(paymentStatus(orderId)).isEqualTo("FAILED");
        assertThat(awaitPaymentEvent(orderId, PaymentFailed.TYPE).get("reason").asString())
                .contains("checkout expired");
        assertThat(ledgerKinds(orderId)).containsExactly("VOID");
    }

    @Test
    void aRefundWithAnUnknownOutcomeIsRetriedWithTheSameIdempotencyReference() {
        var orderId = chapaPayment("40.00", "REFUND_PENDING", "5 minutes");
        chapaApi.stubFor(WireMock.post("/v1/refund/shop-" + orderId)
                .willReturn(okJson("{\"message\":\"Refunded\",\"status\":\"success\",\"data\":{\"ref\":\"RF2\"}}")));

        reconciliation.run();

        assertThat(paymentStatus(orderId)).isEqualTo("REFUNDED");
        chapaApi.verify(postRequestedFor(urlEqualTo("/v1/refund/shop-" + orderId))
                .withRequestBody(containing("reference=refund-" + paymentId(orderId))));
        awaitPaymentEvent(orderId, PaymentRefunded.TYPE);
    }

    @Test
    void theLedgerRefusesUpdatesAndDeletes() {
        var orderId = chapaPayment("30.00", "PENDING", "1 hour");
        stubVerify(orderId, "success", "30.00", "ETB");
        reconciliation.run();

        assertThatThrownBy(() -> jdbc.update("update payment_ledger set amount = 0 where order_id = ?", orderId))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from payment_ledger where order_id = ?", orderId))
                .hasMessageContaining("append-only");
        assertThat(ledgerKinds(orderId)).containsExactly("AUTHORIZATION", "CAPTURE");
    }

    @Test
    void theDailyReportShowsTodaysCapturesAndRefundsForAdminsOnly() throws Exception {
        var today = LocalDate.now(ZoneOffset.UTC);
        var path = "/api/v1/payments/admin/ledger/daily?from=" + today + "&to=" + today;
        var before = capturedToday(path);
        var orderId = chapaPayment("12.34", "PENDING", "1 hour");
        stubVerify(orderId, "success", "12.34", "ETB");

        reconciliation.run();

        assertThat(capturedToday(path).subtract(before)).isEqualByComparingTo("12.34");
        assertThat(get(path, TestTokens.bearer("alice", "customer")).statusCode())
                .isEqualTo(403);
        var tooLong = get("/api/v1/payments/admin/ledger/daily?from=2026-01-01&to=2026-12-31", ADMIN);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("/api/v1/payments/admin/ledger/daily?from=yesterday&to=today", ADMIN)
                        .statusCode())
                .isEqualTo(400);
    }

    private java.math.BigDecimal capturedToday(String path) throws Exception {
        var response = get(path, ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        var total = java.math.BigDecimal.ZERO;
        for (var day : JSON.readTree(response.body())) {
            if ("ETB".equals(day.get("currency").asString())) {
                total = total.add(day.get("captured").decimalValue());
            }
        }
        return total;
    }

    /** A Chapa payment in {@code status}, last changed {@code age} ago. */
    private UUID chapaPayment(String amount, String status, String age) {
        var orderId = UUID.randomUUID();
        payments.saveAndFlush(Payment.start(orderId, "alice", Money.of(amount, "ETB"), "chapa"));
        jdbc.update(
                "update payment set status = ?, updated_at = now() - cast(? as interval), created_at = now() - cast(? as interval),"
                        + " failure_reason = case when ? = 'FAILED' then 'voided: customer' end where order_id = ?",
                status,
                age,
                age,
                status,
                orderId);
        return orderId;
    }

    private void stubVerify(UUID orderId, String status, String amount, String currency) {
        var txRef = "shop-" + orderId;
        chapaApi.stubFor(WireMock.get("/v1/transaction/verify/" + txRef).willReturn(okJson("""
                {"message": "Payment details", "status": "success",
                 "data": {"currency": "%s", "amount": "%s", "charge": 1.5, "mode": "test", "type": "API",
                          "status": "%s", "reference": "AP%s", "tx_ref": "%s"}}
                """.formatted(
                        currency, amount, status, orderId.toString().substring(0, 8), txRef))));
    }

    private UUID paymentId(UUID orderId) {
        return jdbc.queryForObject("select id from payment where order_id = ?", UUID.class, orderId);
    }

    private java.util.List<String> ledgerKinds(UUID orderId) {
        return jdbc.queryForList(
                "select kind from payment_ledger where order_id = ? order by id", String.class, orderId);
    }

    private java.util.List<String> ledgerNotes(UUID orderId) {
        return jdbc.queryForList(
                "select coalesce(note, '') from payment_ledger where order_id = ? order by id", String.class, orderId);
    }

    private double outcomes(String outcome) {
        var counter = meters.find("shop.payment.outcomes")
                .tag("provider", "chapa")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
