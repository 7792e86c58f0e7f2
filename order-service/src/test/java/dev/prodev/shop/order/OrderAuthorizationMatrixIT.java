package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.order.OrderIntegrationTest.OrderServiceIntegrationTest;
import dev.prodev.shop.test.MatrixCaller;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every order-service endpoint × {anonymous, alice, bob (another customer), admin, sre}, with real
 * signed tokens, as the service itself decides (defence in depth: the gateway decides first).
 * Placing needs the customer role (an admin has it too); reading and cancelling need customer or
 * admin, and an order is its owner's: another customer gets 404, never 403, so ids cannot be
 * probed, while an admin reads and cancels any. Dead letters are for admins only.
 */
@OrderServiceIntegrationTest
class OrderAuthorizationMatrixIT extends OrderIntegrationTest {

    /**
     * One request and the status each caller must get; {@code order} is the order the callers make
     * it in, so that a mutating row's statuses mean what they say.
     */
    record Row(
            String method,
            String path,
            String idempotencyKey,
            String body,
            List<MatrixCaller> order,
            int anonymous,
            int alice,
            int bob,
            int admin,
            int sre) {

        Row(String method, String path, String body, int anonymous, int alice, int bob, int admin, int sre) {
            this(method, path, null, body, List.of(MatrixCaller.values()), anonymous, alice, bob, admin, sre);
        }

        Row withKey(String key) {
            return new Row(method, path, key, body, order, anonymous, alice, bob, admin, sre);
        }

        Row inOrder(MatrixCaller... callers) {
            return new Row(method, path, idempotencyKey, body, List.of(callers), anonymous, alice, bob, admin, sre);
        }

        int expected(MatrixCaller caller) {
            return caller.pick(anonymous, alice, bob, admin, sre);
        }
    }

    @Autowired
    DeadLetterStore deadLetters;

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var tokens = MatrixCaller.tokens(run);

        var mug = product("4.50");
        var alicesOrder = "/api/v1/orders/" + place(tokens.get(MatrixCaller.ALICE), lines(mug, 1));
        var alicesOtherOrder = "/api/v1/orders/" + place(tokens.get(MatrixCaller.ALICE), lines(mug, 2));
        var deadLetter = "/api/v1/orders/admin/dead-letters/" + deadLetter();
        var key = "matrix-" + run;

        // alice's orders are PENDING (nobody answers the saga's stock command) and can be cancelled
        var rows = List.of(
                new Row("GET", "/api/v1/orders", null, 401, 200, 200, 200, 403),
                new Row("GET", "/api/v1/orders?all=true", null, 401, 403, 403, 200, 403),
                // keys are per customer: each caller's first use of the key places an order
                new Row("POST", "/api/v1/orders", lines(mug, 1), 401, 201, 201, 201, 403).withKey(key),
                new Row("POST", "/api/v1/orders", lines(mug, 1), 401, 200, 200, 200, 403).withKey(key), // a retry
                new Row("POST", "/api/v1/orders", lines(mug, 3), 401, 422, 422, 422, 403).withKey(key), // key reused
                new Row("POST", "/api/v1/orders", lines(mug, 1), 401, 400, 400, 400, 403), // no Idempotency-Key
                new Row("GET", alicesOrder, null, 401, 200, 404, 200, 403),
                new Row("GET", "/api/v1/orders/" + UUID.randomUUID(), null, 401, 404, 404, 404, 403),
                // alice cancels her own, then the admin finds it (409: already cancelled, not 404) ...
                new Row("POST", alicesOrder + "/cancel", null, 401, 200, 404, 409, 403)
                        .inOrder(
                                MatrixCaller.ANONYMOUS,
                                MatrixCaller.BOB,
                                MatrixCaller.SRE,
                                MatrixCaller.ALICE,
                                MatrixCaller.ADMIN),
                // ... and the admin cancels her other one, after which alice's cancel is a 409
                new Row("POST", alicesOtherOrder + "/cancel", null, 401, 409, 404, 200, 403)
                        .inOrder(
                                MatrixCaller.ANONYMOUS,
                                MatrixCaller.BOB,
                                MatrixCaller.SRE,
                                MatrixCaller.ADMIN,
                                MatrixCaller.ALICE),
                // refunds are the admin's, and only of a CONFIRMED order (ADR 0025)
                new Row("POST", alicesOrder + "/refund", "{}", 401, 403, 403, 409, 403),
                new Row("POST", "/api/v1/orders/" + UUID.randomUUID() + "/refund", "{}", 401, 403, 403, 404, 403),
                new Row("GET", "/api/v1/orders/admin/dead-letters", null, 401, 403, 403, 200, 403),
                new Row("GET", deadLetter, null, 401, 403, 403, 200, 403),
                new Row("POST", deadLetter + "/redrive", null, 401, 403, 403, 200, 403));

        var mismatches = new ArrayList<String>();
        for (var row : rows) {
            for (var caller : row.order()) {
                var response = call(row, tokens.get(caller));
                if (response.statusCode() != row.expected(caller)) {
                    mismatches.add(row.method() + " " + row.path() + " as " + caller + ": expected "
                            + row.expected(caller) + ", got " + response.statusCode() + " " + response.body());
                }
                if (response.statusCode() >= 400
                        && !response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("application/problem+json")) {
                    mismatches.add(row.method() + " " + row.path() + " as " + caller + ": not problem+json");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /**
     * A dead letter as the recoverer records it (a product announcement order-service could not
     * process), so its redrive republishes a harmless, valid event; returns its id.
     */
    private UUID deadLetter() {
        var productId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        var produced = CloudEventRecords.create(
                Topics.PRODUCTS,
                productId.toString(),
                eventId,
                ProductChanged.CREATED,
                "catalog-service",
                Instant.now(),
                SagaParticipants.JSON.writeValueAsBytes(new ProductChanged(
                        productId, "SKU-MATRIX", "Matrix mug", new Money(new BigDecimal("1.00"), "EUR"), "ACTIVE")));
        var consumed = new ConsumerRecord<>(
                Topics.PRODUCTS,
                0,
                ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
                produced.key(),
                produced.value());
        produced.headers().forEach(header -> consumed.headers().add(header));
        deadLetters.record("order-service", consumed, new IllegalStateException("matrix test"));
        return jdbc.queryForObject("select id from dead_letter where event_id = ?", UUID.class, eventId.toString());
    }

    private HttpResponse<String> call(Row row, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + row.path()))
                .timeout(Duration.ofSeconds(20))
                .method(
                        row.method(),
                        row.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(row.body()));
        if (row.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (row.idempotencyKey() != null) {
            request.header("Idempotency-Key", row.idempotencyKey());
        }
        if (token != null) {
            request.header("Authorization", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
