package dev.prodev.shop.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.payment.PaymentIntegrationTest;
import dev.prodev.shop.payment.provider.chapa.ChapaPaymentProvider;
import dev.prodev.shop.payment.provider.chapa.ChapaProperties;
import dev.prodev.shop.test.TestTokens;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Refunds: the admin endpoint and the saga's RefundPayment command. */
class RefundIT extends PaymentIntegrationTest {

    private static final String ADMIN = TestTokens.bearer("admin", "admin", "customer");

    @Test
    void anAdminRefundsAnAuthorizedPaymentAndPaymentRefundedIsPublished() throws Exception {
        var orderId = authorized("150.00");

        var response = post("/api/v1/payments/" + orderId + "/refund", ADMIN, "{\"reason\":\"damaged in transit\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("REFUNDED");
        var event = awaitPaymentEvent(orderId, PaymentRefunded.TYPE);
        assertThat(event.get("amount").get("amount").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(event.get("paymentId").asString())
                .isEqualTo(jdbc.queryForObject("select id from payment where order_id = ?", UUID.class, orderId)
                        .toString());
        assertThat(jdbc.queryForObject("""
                select r.reason from refund r join payment p on p.id = r.payment_id where p.order_id = ?
                """, String.class, orderId)).isEqualTo("damaged in transit");
        assertThat(paymentStatus(orderId)).isEqualTo("REFUNDED");
    }

    @Test
    void aCustomerCannotRefundEvenTheirOwnPayment() throws Exception {
        var orderId = authorized("20.00");

        var response = post("/api/v1/payments/" + orderId + "/refund", TestTokens.bearer("alice", "customer"), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403");
        assertThat(paymentStatus(orderId)).isEqualTo("AUTHORIZED");
    }

    @Test
    void refundingTwiceOrRefundingAFailedPaymentIsAConflictAndAnUnknownOrderIsNotFound() throws Exception {
        var orderId = authorized("30.00");
        assertThat(post("/api/v1/payments/" + orderId + "/refund", ADMIN, null).statusCode())
                .isEqualTo(200);

        var again = post("/api/v1/payments/" + orderId + "/refund", ADMIN, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(paymentEvents(orderId, PaymentRefunded.TYPE, Duration.ofSeconds(3)))
                .hasSize(1);

        var declined = UUID.randomUUID();
        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                declined,
                new AuthorizePayment(declined, "alice", Money.of("30.13", "ETB")));
        awaitPaymentEvent(declined, PaymentFailed.TYPE);
        assertThat(post("/api/v1/payments/" + declined + "/refund", ADMIN, null).statusCode())
                .isEqualTo(409);

        assertThat(post("/api/v1/payments/" + UUID.randomUUID() + "/refund", ADMIN, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anInvalidOrOversizedRefundBodyIsRejectedAsProblemJson() throws Exception {
        var orderId = authorized("40.00");

        var tooLong =
                post("/api/v1/payments/" + orderId + "/refund", ADMIN, "{\"reason\":\"" + "x".repeat(501) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("reason");

        var notJson = post("/api/v1/payments/" + orderId + "/refund", ADMIN, "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);

        var huge =
                post("/api/v1/payments/" + orderId + "/refund", ADMIN, "{\"reason\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).doesNotContain("Exception");

        assertThat(paymentStatus(orderId)).isEqualTo("AUTHORIZED");
    }

    @Test
    void theSagasRefundCommandRefundsOnceEvenWhenRedelivered() throws Exception {
        var orderId = authorized("60.00");
        var commandId = UUID.randomUUID();

        sendCommand(commandId, RefundPayment.TYPE, orderId, new RefundPayment(orderId, "stock could not be committed"));
        sendCommand(commandId, RefundPayment.TYPE, orderId, new RefundPayment(orderId, "stock could not be committed"));

        awaitPaymentEvent(orderId, PaymentRefunded.TYPE);
        assertThat(paymentEvents(orderId, PaymentRefunded.TYPE, Duration.ofSeconds(5)))
                .hasSize(1);
        assertThat(paymentStatus(orderId)).isEqualTo("REFUNDED");
        assertThat(jdbc.queryForObject("""
                select count(*) from refund r join payment p on p.id = r.payment_id where p.order_id = ?
                """, Integer.class, orderId)).isEqualTo(1);
    }

    /**
     * Issue #14 finding 5: the simulator refunds an amount ending in .98 but loses the answer, as a
     * Chapa refund that completes after our time limit. The payment must not stand as AUTHORIZED
     * ("nothing changed"): it is REFUND_PENDING (202), and the retry, with the same provider
     * reference, settles it exactly once.
     */
    @Test
    void aRefundWithAnUnknownOutcomeIsPendingAndItsRetryRefundsOnce() throws Exception {
        var orderId = authorized("70.98");

        var first = post("/api/v1/payments/" + orderId + "/refund", ADMIN, "{\"reason\":\"late answer\"}");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(first.body()).get("status").asString()).isEqualTo("REFUND_PENDING");
        assertThat(paymentStatus(orderId)).isEqualTo("REFUND_PENDING");

        var retry = post("/api/v1/payments/" + orderId + "/refund", ADMIN, "{\"reason\":\"late answer\"}");

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(paymentStatus(orderId)).isEqualTo("REFUNDED");
        awaitPaymentEvent(orderId, PaymentRefunded.TYPE);
        assertThat(paymentEvents(orderId, PaymentRefunded.TYPE, Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(jdbc.queryForObject("""
                select r.provider_reference from refund r join payment p on p.id = r.payment_id where p.order_id = ?
                """, String.class, orderId))
                .isEqualTo("sim-refund-"
                        + jdbc.queryForObject("select id from payment where order_id = ?", UUID.class, orderId));
    }

    /** The time limit application.yml gives Chapa calls covers Chapa's connect + read timeout. */
    @Test
    void chapasTimeLimitIsAtLeastItsHttpClientTimeouts(
            @Autowired TimeLimiterRegistry timeLimiters, @Autowired ChapaProperties chapa) {
        assertThat(timeLimiters
                        .timeLimiter(ChapaPaymentProvider.NAME)
                        .getTimeLimiterConfig()
                        .getTimeoutDuration())
                .isGreaterThanOrEqualTo(chapa.connectTimeout().plus(chapa.readTimeout()));
    }

    private UUID authorized(String amount) throws Exception {
        var orderId = UUID.randomUUID();
        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                orderId,
                new AuthorizePayment(orderId, "alice", Money.of(amount, "ETB")));
        awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);
        return orderId;
    }
}
