package dev.prodev.shop.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.payment.webhook.HmacSignature;
import dev.prodev.shop.test.MatrixCaller;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every payment-service endpoint × {anonymous, alice, bob (another customer), admin, sre}, with real
 * signed tokens, as the service itself decides (defence in depth: the gateway decides first).
 * Alice owns the payment of her order; everyone but her and an admin gets 404 for it, never 403, so
 * order ids cannot be probed. The provider webhook is public and authenticated by its HMAC signature
 * alone: an unsigned or forged one is a 401 problem for every caller, whatever token it carries.
 */
class PaymentAuthorizationMatrixIT extends PaymentIntegrationTest {

    private static final String DEAD_LETTERS = "/api/v1/payments/admin/dead-letters";

    private static final String WEBHOOK = "/api/v1/payments/webhooks/chapa";

    record Row(
            String method,
            String path,
            String body,
            Map<String, String> headers,
            int anonymous,
            int alice,
            int bob,
            int admin,
            int sre) {

        Row(String method, String path, String body, int anonymous, int alice, int bob, int admin, int sre) {
            this(method, path, body, Map.of(), anonymous, alice, bob, admin, sre);
        }

        int expected(MatrixCaller caller) {
            return caller.pick(anonymous, alice, bob, admin, sre);
        }
    }

    @Autowired
    DeadLetterStore deadLetters;

    private static final String LEDGER = "/api/v1/payments/admin/ledger/daily";

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var alice = MatrixCaller.ALICE.subject(run);
        var tokens = MatrixCaller.tokens(run);

        // alice's order is paid the way the saga pays it: AuthorizePayment on the command topic
        var alicesOrder = UUID.randomUUID();
        sendCommand(
                UUID.randomUUID(),
                AuthorizePayment.TYPE,
                alicesOrder,
                new AuthorizePayment(alicesOrder, alice, Money.of("120.00", "ETB")));
        awaitPaymentEvent(alicesOrder, PaymentAuthorized.TYPE);
        var alicesPayment = "/api/v1/payments/" + alicesOrder;
        var deadLetter = deadLetter("matrix.payment." + run);

        var notice = """
                {"event":"charge.success","status":"success","currency":"ETB","amount":"120.00",
                 "reference":"APmatrix%s","tx_ref":"shop-%s","type":"API"}""".formatted(run, alicesOrder);
        var forged = HmacSignature.sign("not-the-secret", notice.getBytes(StandardCharsets.UTF_8));
        var tooLongReason = "{\"reason\":\"" + "x".repeat(501) + "\"}";
        var hugeBody = "{\"reason\":\"" + "x".repeat(20_000) + "\"}";

        var rows = List.of(
                new Row("GET", alicesPayment, null, 401, 200, 404, 200, 404),
                new Row("GET", "/api/v1/payments/" + UUID.randomUUID(), null, 401, 404, 404, 404, 404),
                // refunds are the admin's: anyone else is refused before the body is measured or validated
                new Row("POST", alicesPayment + "/refund", tooLongReason, 401, 403, 403, 400, 403),
                new Row("POST", alicesPayment + "/refund", hugeBody, 401, 403, 403, 413, 403),
                new Row("POST", alicesPayment + "/refund", "{\"reason\":\"matrix\"}", 401, 403, 403, 200, 403),
                // the ledger is the admin's (ADR 0025)
                new Row("GET", LEDGER + "?from=2026-12-01&to=2026-12-07", null, 401, 403, 403, 200, 403),
                new Row("GET", LEDGER + "?from=2026-12-07&to=2026-12-01", null, 401, 403, 403, 400, 403),
                new Row("GET", LEDGER, null, 401, 403, 403, 400, 403),
                // the public webhook: no token needed, the signature is what counts, for every caller
                new Row("POST", WEBHOOK, notice, 401, 401, 401, 401, 401),
                new Row("POST", WEBHOOK, notice, Map.of("x-chapa-signature", forged), 401, 401, 401, 401, 401),
                new Row("POST", WEBHOOK, notice, Map.of("Chapa-Signature", "not hex at all"), 401, 401, 401, 401, 401),
                new Row("POST", WEBHOOK, "definitely not json", 401, 401, 401, 401, 401),
                new Row("POST", WEBHOOK, null, 401, 401, 401, 401, 401),
                new Row("POST", "/api/v1/payments/webhooks/paypal", notice, 404, 404, 404, 404, 404),
                new Row("GET", WEBHOOK, null, 405, 405, 405, 405, 405),
                // dead letters of the payment command consumer: admins only
                new Row("GET", DEAD_LETTERS, null, 401, 403, 403, 200, 403),
                new Row("GET", DEAD_LETTERS + "/" + deadLetter, null, 401, 403, 403, 200, 403),
                new Row("POST", DEAD_LETTERS + "/" + deadLetter + "/redrive", null, 401, 403, 403, 200, 403));

        var mismatches = new ArrayList<String>();
        for (var row : rows) {
            for (var caller : row.method().equals("GET") ? List.of(MatrixCaller.values()) : MatrixCaller.ADMIN_LAST) {
                var response = call(row, tokens.get(caller));
                var where =
                        row.method() + " " + row.path() + " " + row.headers().keySet() + " as " + caller;
                if (response.statusCode() != row.expected(caller)) {
                    mismatches.add(where + ": expected " + row.expected(caller) + ", got " + response.statusCode() + " "
                            + response.body());
                }
                var contentType = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() >= 400 && !contentType.startsWith("application/problem+json")) {
                    mismatches.add(where + ": not problem+json but '" + contentType + "'");
                }
            }
        }
        assertThat(mismatches).isEmpty();

        // the admin's refund happened once; no forged webhook touched the payment
        assertThat(paymentStatus(alicesOrder)).isEqualTo("REFUNDED");
        assertThat(jdbc.queryForObject("""
                select count(*) from refund r join payment p on p.id = r.payment_id where p.order_id = ?
                """, Integer.class, alicesOrder)).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                select count(*) from webhook_event where provider = 'chapa' and signature_valid and payload like ?
                """, Integer.class, "%shop-" + alicesOrder + "%"))
                .isZero();
    }

    private HttpResponse<String> call(Row row, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + row.path()))
                .method(
                        row.method(),
                        row.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(row.body()));
        if (row.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        row.headers().forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A dead letter of this service as the recoverer records it: a refund request for an order nobody
     * knows, so its redrive (applied in-process through the consumer's table) changes nothing.
     */
    private UUID deadLetter(String run) {
        var orderId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        var produced = CloudEventRecords.create(
                Topics.PAYMENT_COMMANDS,
                orderId.toString(),
                eventId,
                RefundPayment.TYPE,
                "order-service",
                Instant.now(),
                ("{\"orderId\":\"%s\",\"reason\":\"matrix\"}")
                        .formatted(orderId)
                        .getBytes(StandardCharsets.UTF_8));
        var consumed = new ConsumerRecord<>(
                produced.topic(),
                0,
                ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
                produced.key(),
                produced.value());
        produced.headers().forEach(header -> consumed.headers().add(header));
        deadLetters.record("payment-service", consumed, new IllegalStateException("matrix " + run));
        return jdbc.queryForObject("select id from dead_letter where event_id = ?", UUID.class, eventId.toString());
    }
}
