package dev.prodev.shop.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.payment.PaymentIntegrationTest;
import dev.prodev.shop.test.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
