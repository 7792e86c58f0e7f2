package dev.prodev.shop.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.payment.PaymentIntegrationTest;
import dev.prodev.shop.payment.provider.simulator.SimulatedPaymentProvider;
import dev.prodev.shop.test.TestTokens;
import dev.prodev.shop.test.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The saga's AuthorizePayment command, end to end: Kafka in, payment row, outcome event out, REST view. */
class PaymentCommandsIT extends PaymentIntegrationTest {

    @Test
    void authorizePaymentCommandIsAnsweredWithPaymentAuthorizedMatchingItsSchema() throws Exception {
        var orderId = UUID.randomUUID();

        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                orderId,
                new AuthorizePayment(orderId, "alice", Money.of("2199.00", "ETB")));

        var event = awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);
        assertThat(event.get("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(event.get("provider").asString()).isEqualTo("simulator");
        assertThat(event.get("amount").get("amount").decimalValue()).isEqualByComparingTo("2199.00");
        assertThat(event.get("amount").get("currency").asString()).isEqualTo("ETB");
        var paymentId = jdbc.queryForObject("select id from payment where order_id = ?", UUID.class, orderId);
        assertThat(event.get("paymentId").asString()).isEqualTo(paymentId.toString());
        assertThat(paymentStatus(orderId)).isEqualTo("AUTHORIZED");
    }

    @Test
    void theOwnerAndAnAdminSeeThePaymentAndAnotherCustomerGets404() throws Exception {
        var orderId = UUID.randomUUID();
        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                orderId,
                new AuthorizePayment(orderId, "alice", Money.of("35.50", "ETB")));
        awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);

        var mine = get("/api/v1/payments/" + orderId, TestTokens.bearer("alice", "customer"));
        assertThat(mine.statusCode()).isEqualTo(200);
        var view = JSON.readTree(mine.body());
        assertThat(view.get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(view.get("amount").get("amount").decimalValue()).isEqualByComparingTo("35.50");
        assertThat(view.get("provider").asString()).isEqualTo("simulator");

        assertThat(get("/api/v1/payments/" + orderId, TestTokens.bearer("admin", "admin", "customer"))
                        .statusCode())
                .isEqualTo(200);

        var foreign = get("/api/v1/payments/" + orderId, TestTokens.bearer("bob", "customer"));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));

        assertThat(get("/api/v1/payments/" + orderId, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/payments/not-a-uuid", TestTokens.bearer("alice", "customer"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aDeclinedAmountIsAnsweredWithPaymentFailed() throws Exception {
        var orderId = UUID.randomUUID();

        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                orderId,
                new AuthorizePayment(orderId, "alice", Money.of("10.13", "ETB")));

        var event = awaitPaymentEvent(orderId, PaymentFailed.TYPE);
        assertThat(event.get("reason").asString()).isEqualTo(SimulatedPaymentProvider.DECLINED_REASON);
        assertThat(paymentStatus(orderId)).isEqualTo("FAILED");
        assertThat(paymentEvents(orderId, PaymentAuthorized.TYPE, Duration.ofSeconds(1)))
                .isEmpty();
    }

    @Test
    void aFailingOrSlowProviderFailsThePaymentAsProviderUnavailableInsteadOfHanging() throws Exception {
        var failing = UUID.randomUUID();
        var slow = UUID.randomUUID();

        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                failing,
                new AuthorizePayment(failing, "alice", Money.of("10.42", "ETB")));
        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                slow,
                new AuthorizePayment(slow, "alice", Money.of("10.99", "ETB")));

        assertThat(awaitPaymentEvent(failing, PaymentFailed.TYPE).get("reason").asString())
                .isEqualTo("provider-unavailable");
        // the simulator would answer after 20 s; the 3 s time limiter answers for it
        assertThat(awaitPaymentEvent(slow, PaymentFailed.TYPE).get("reason").asString())
                .isEqualTo("provider-unavailable");
        assertThat(jdbc.queryForObject("select failure_reason from payment where order_id = ?", String.class, slow))
                .isEqualTo("provider-unavailable");
    }

    @Test
    void theSameCommandDeliveredTwiceChargesOnceAndAnnouncesOnce() throws Exception {
        var orderId = UUID.randomUUID();
        var commandId = UUID.randomUUID();
        var command = new AuthorizePayment(orderId, "alice", Money.of("77.00", "ETB"));

        sendCommand(commandId, AuthorizePayment.TYPE, orderId, command);
        sendCommand(commandId, AuthorizePayment.TYPE, orderId, command);
        // and a second command (new id) for the same order, as a confused producer might send
        sendCommand(UUID.randomUUID(), AuthorizePayment.TYPE, orderId, command);

        awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);
        assertThat(paymentEvents(orderId, PaymentAuthorized.TYPE, Duration.ofSeconds(5)))
                .hasSize(1);
        assertThat(paymentEvents(orderId, PaymentFailed.TYPE, Duration.ofSeconds(1)))
                .isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from payment where order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    @Test
    void aCommandThatBreaksTheContractGoesToTheDeadLetterTopicAndChargesNothing() throws Exception {
        var orderId = UUID.randomUUID();

        sendRaw(
                Topics.PAYMENT_COMMANDS,
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                orderId.toString(),
                ("{\"orderId\":\"" + orderId
                                + "\",\"customerId\":\"alice\",\"amount\":{\"amount\":-5,\"currency\":\"ETB\"}}")
                        .getBytes(StandardCharsets.UTF_8));

        TopicReader.await(
                bootstrapServers(),
                Topics.deadLetter(Topics.PAYMENT_COMMANDS),
                1,
                record -> orderId.toString().equals(record.key()),
                WAIT);
        assertThat(paymentStatus(orderId)).isNull();
        var deadLetters = get("/api/v1/payments/admin/dead-letters", TestTokens.bearer("admin", "admin"));
        assertThat(deadLetters.statusCode()).isEqualTo(200);
        assertThat(deadLetters.body()).contains(orderId.toString());
        assertThat(get("/api/v1/payments/admin/dead-letters", TestTokens.bearer("alice", "customer"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void countsPaymentOutcomesByProviderAndOutcome() throws Exception {
        var orderId = UUID.randomUUID();
        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                orderId,
                new AuthorizePayment(orderId, "alice", Money.of("12.00", "ETB")));
        awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);

        var metrics = get("/actuator/prometheus", null).body();
        assertThat(metrics.lines()
                        .filter(line -> line.startsWith("shop_payment_outcomes_total{"))
                        .filter(line ->
                                line.contains("outcome=\"authorized\"") && line.contains("provider=\"simulator\"")))
                .isNotEmpty();
    }
}
