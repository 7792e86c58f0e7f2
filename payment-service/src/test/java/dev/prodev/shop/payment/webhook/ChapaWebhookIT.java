package dev.prodev.shop.payment.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.payment.PaymentIntegrationTest;
import dev.prodev.shop.payment.payments.Payment;
import dev.prodev.shop.payment.payments.PaymentRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Chapa's signed webhook against the running service, with Chapa's verify API stubbed by WireMock. */
class ChapaWebhookIT extends PaymentIntegrationTest {

    private static final String PATH = "/api/v1/payments/webhooks/chapa";

    @Autowired
    PaymentRepository payments;

    @Autowired
    WebhookRetention retention;

    @Autowired
    MeterRegistry meters;

    private double rejected(String reason) {
        return meters.get("shop.payments.webhooks.rejected")
                .tag("provider", "chapa")
                .tag("reason", reason)
                .counter()
                .count();
    }

    @Test
    void aWebhookWithoutOrWithAWrongSignatureIsRejectedWith401CountedAndNotStored() throws Exception {
        var orderId = pendingChapaPayment("500.00");
        var body = chargeSuccess(orderId, "AP" + orderId.toString().substring(0, 8));
        var missingBefore = rejected("missing-signature");
        var invalidBefore = rejected("invalid-signature");

        var unsigned = post(PATH, null, body);
        var forged = post(
                PATH,
                null,
                body,
                "x-chapa-signature",
                HmacSignature.sign("not-the-secret", body.getBytes(StandardCharsets.UTF_8)));
        var tampered = post(PATH, null, body.replace("500.00", "5.00"), "x-chapa-signature", sign(body));

        for (var response : java.util.List.of(unsigned, forged, tampered)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401").doesNotContain("Exception");
        }
        assertThat(paymentStatus(orderId)).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject(
                        "select count(*) from webhook_event where payload like ?", Integer.class, "%" + orderId + "%"))
                .as("nothing of an unauthenticated body is stored")
                .isZero();
        assertThat(rejected("missing-signature")).isEqualTo(missingBefore + 1);
        assertThat(rejected("invalid-signature")).isEqualTo(invalidBefore + 2);
        chapaApi.verify(0, getRequestedFor(urlEqualTo("/v1/transaction/verify/shop-" + orderId)));
    }

    @Test
    void aSignedWebhookIsLoggedWithoutThePayersNameEmailOrPhone() throws Exception {
        var orderId = pendingChapaPayment("500.00");
        var txRef = "shop-" + orderId;
        chapaApi.stubFor(WireMock.get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified(txRef, "success", "500.00"))));
        var body = chargeSuccess(orderId, "APmin" + orderId.toString().substring(0, 8));

        assertThat(post(PATH, null, body, "x-chapa-signature", sign(body)).statusCode())
                .isEqualTo(200);

        var stored = JSON.readTree(jdbc.queryForObject(
                "select payload from webhook_event where event_id = ?",
                String.class,
                "charge.success:APmin" + orderId.toString().substring(0, 8)));
        assertThat(stored.get("tx_ref").asString()).isEqualTo(txRef);
        assertThat(stored.get("amount").asString()).isEqualTo("500.00");
        assertThat(stored.get("currency").asString()).isEqualTo("ETB");
        assertThat(stored.get("status").asString()).isEqualTo("success");
        assertThat(stored.toString()).doesNotContain("Abebe", "Bikila", "abebe@example.com", "0911000000");
    }

    @Test
    void theRetentionJobDeletesWebhookLogRowsPastTheirRetentionAndKeepsRecentOnes() {
        var old = java.util.UUID.randomUUID();
        var recent = java.util.UUID.randomUUID();
        jdbc.update("""
                insert into webhook_event (id, provider, event_id, signature_valid, payload, received_at)
                values (?, 'chapa', ?, true, '{}', now() - interval '91 days'), (?, 'chapa', ?, true, '{}', now() - interval '89 days')
                """, old, "charge.success:old-" + old, recent, "charge.success:recent-" + recent);

        retention.purge();

        assertThat(jdbc.queryForList(
                        "select id from webhook_event where id in (?, ?)", java.util.UUID.class, old, recent))
                .containsExactly(recent);
    }

    @Test
    void aSignedChargeSuccessIsVerifiedWithChapaAuthorizesThePaymentAndIsIdempotent() throws Exception {
        var orderId = pendingChapaPayment("2199.00");
        var txRef = "shop-" + orderId;
        chapaApi.stubFor(WireMock.get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified(txRef, "success", "2199.00"))));
        var body = chargeSuccess(orderId, "APfxHUW3oDbH");

        var first = post(PATH, null, body, "x-chapa-signature", sign(body));
        var again = post(PATH, null, body, "Chapa-Signature", sign(body));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("status").asString()).isEqualTo("processed");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("status").asString()).isEqualTo("duplicate");

        var event = awaitPaymentEvent(orderId, PaymentAuthorized.TYPE);
        assertThat(event.get("provider").asString()).isEqualTo("chapa");
        assertThat(paymentEvents(orderId, PaymentAuthorized.TYPE, Duration.ofSeconds(3)))
                .hasSize(1);
        assertThat(paymentStatus(orderId)).isEqualTo("AUTHORIZED");
        chapaApi.verify(1, getRequestedFor(urlEqualTo("/v1/transaction/verify/" + txRef)));
        assertThat(jdbc.queryForObject("""
                select count(*) from webhook_event where provider = 'chapa' and signature_valid and event_id = ?
                """, Integer.class, "charge.success:APfxHUW3oDbH"))
                .isEqualTo(1);
    }

    @Test
    void aFailedTransactionFailsThePayment() throws Exception {
        var orderId = pendingChapaPayment("80.00");
        var txRef = "shop-" + orderId;
        chapaApi.stubFor(WireMock.get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified(txRef, "failed/cancelled", "80.00"))));
        var body = """
                {"event":"charge.failed/cancelled","status":"failed/cancelled","currency":"ETB","amount":"80.00",
                 "reference":"APfail%s","tx_ref":"%s","type":"API"}
                """.formatted(orderId.toString().substring(0, 8), txRef);

        assertThat(post(PATH, null, body, "x-chapa-signature", sign(body)).statusCode())
                .isEqualTo(200);

        assertThat(awaitPaymentEvent(orderId, PaymentFailed.TYPE).get("reason").asString())
                .contains("failed");
        assertThat(paymentStatus(orderId)).isEqualTo("FAILED");
    }

    @Test
    void whenChapaCannotConfirmTheWebhookGets503AndItsRetryIsProcessed() throws Exception {
        var orderId = pendingChapaPayment("90.00");
        var txRef = "shop-" + orderId;
        chapaApi.stubFor(WireMock.get("/v1/transaction/verify/" + txRef)
                .willReturn(aResponse().withStatus(502)));
        var body = chargeSuccess(orderId, "APretry" + orderId.toString().substring(0, 8));

        var unavailable = post(PATH, null, body, "x-chapa-signature", sign(body));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(paymentStatus(orderId)).isEqualTo("PENDING");

        chapaApi.stubFor(WireMock.get("/v1/transaction/verify/" + txRef)
                .willReturn(okJson(verified(txRef, "success", "90.00"))));
        var retried = post(PATH, null, body, "x-chapa-signature", sign(body));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).get("status").asString()).isEqualTo("processed");
        assertThat(paymentStatus(orderId)).isEqualTo("AUTHORIZED");
    }

    @Test
    void anAuthenticWebhookAboutNoPaymentOfOursIsAcknowledgedAndIgnored() throws Exception {
        var body = chargeSuccess(
                UUID.randomUUID(), "APunknown" + UUID.randomUUID().toString().substring(0, 6));

        var response = post(PATH, null, body, "x-chapa-signature", sign(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("ignored");
    }

    @Test
    void unknownProvidersOversizedBodiesAndUnreadableSignedBodiesAreRefusedAsProblemJson() throws Exception {
        assertThat(post("/api/v1/payments/webhooks/paypal", null, "{}").statusCode())
                .isEqualTo(404);

        var huge = "{\"event\":\"charge.success\",\"padding\":\"" + "x".repeat(70_000) + "\"}";
        var tooLargeBefore = rejected("too-large");
        var tooLarge = post(PATH, null, huge, "x-chapa-signature", sign(huge));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("\"status\":413");
        assertThat(rejected("too-large")).isEqualTo(tooLargeBefore + 1);

        var notJson = "definitely not json";
        assertThat(post(PATH, null, notJson, "x-chapa-signature", sign(notJson)).statusCode())
                .isEqualTo(400);
    }

    private UUID pendingChapaPayment(String amount) {
        var orderId = UUID.randomUUID();
        payments.saveAndFlush(Payment.start(orderId, "alice", Money.of(amount, "ETB"), "chapa"));
        return orderId;
    }

    private static String sign(String body) {
        return HmacSignature.sign(WEBHOOK_SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String chargeSuccess(UUID orderId, String chapaReference) {
        return """
                {"event":"charge.success","first_name":"Abebe","last_name":"Bikila","email":"abebe@example.com",
                 "mobile":"0911000000","currency":"ETB","amount":"500.00","charge":"17.50","status":"success",
                 "failure_reason":null,"mode":"test","reference":"%s","created_at":"2026-11-23T10:00:00.000000Z",
                 "updated_at":"2026-11-23T10:01:00.000000Z","type":"API","tx_ref":"shop-%s","payment_method":"test",
                 "customization":{"title":"ProDev Shop","description":"Order","logo":null},"meta":null}
                """.formatted(chapaReference, orderId);
    }

    private static String verified(String txRef, String status, String amount) {
        return """
                {"message": "Payment details", "status": "success",
                 "data": {"first_name": "Abebe", "last_name": "Bikila", "email": "abebe@example.com", "currency": "ETB",
                          "amount": %s, "charge": 17.5, "mode": "test", "method": "test", "type": "API",
                          "status": "%s", "reference": "APfxHUW3oDbH", "tx_ref": "%s", "meta": null,
                          "created_at": "2026-11-23T10:00:00.000000Z", "updated_at": "2026-11-23T10:01:00.000000Z"}}
                """.formatted(amount, status, txRef);
    }
}
