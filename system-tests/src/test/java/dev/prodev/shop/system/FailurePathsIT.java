package dev.prodev.shop.system;

import static dev.prodev.shop.system.support.Platform.describe;
import static dev.prodev.shop.system.support.Platform.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.system.support.Platform;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What goes wrong in a purchase, end to end through the gateway with real Keycloak tokens: a
 * declined card, a sold-out product, and a double submit. Each test buys a product of its own
 * (created by the demo admin), so stock and price are known and tests do not disturb each other.
 */
class FailurePathsIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    static String alice;
    static String aliceEmail;
    static String admin;

    @BeforeAll
    static void logIn() {
        alice = Platform.login("alice", "alice");
        aliceEmail = Platform.claim(alice, "email");
        admin = Platform.login("admin", "admin");
    }

    @Test
    void aDeclinedPaymentCancelsTheOrderReleasesTheStockAndTellsTheShopper() {
        // the payment simulator declines every amount whose cents are .13
        var productId = Platform.createProduct(admin, "Declined lamp " + UUID.randomUUID(), "10.13", 5);
        var placed = Platform.placeOrderOnceTheProductIsKnown(
                alice, productId, 1, "declined-" + UUID.randomUUID(), PATIENCE);
        assertThat(placed.statusCode()).as(describe(placed)).isEqualTo(201);
        var orderId = json(placed).get("id").asString();

        var cancelled = awaitFinal(orderId);
        assertThat(cancelled.path("status").asString())
                .as("order %s", cancelled)
                .isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelReason").asString())
                .as("order %s", cancelled)
                .isEqualTo("payment-failed");

        await("the reservation of the declined order released")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() ->
                        assertThat(stock(productId).path("reserved").asInt()).isZero());
        assertThat(stock(productId).path("available").asInt())
                .as("nothing sold")
                .isEqualTo(5);
        await("an email to " + aliceEmail + " about the failed payment of " + orderId)
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(Platform.mailbox(aliceEmail)).contains(orderId));
        await("the in-app notification about " + orderId)
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(Platform.get("/api/v1/notifications?size=50", alice)
                                .body())
                        .contains(orderId));
    }

    @Test
    void anOrderForMoreThanIsInStockIsCancelledAndNothingIsSold() {
        var productId = Platform.createProduct(admin, "Last teapot " + UUID.randomUUID(), "25.00", 1);
        var placed = Platform.placeOrderOnceTheProductIsKnown(
                alice, productId, 2, "sold-out-" + UUID.randomUUID(), PATIENCE);
        assertThat(placed.statusCode()).as(describe(placed)).isEqualTo(201);
        var orderId = json(placed).get("id").asString();

        var cancelled = awaitFinal(orderId);
        assertThat(cancelled.path("status").asString())
                .as("order %s", cancelled)
                .isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelReason").asString())
                .as("order %s", cancelled)
                .isEqualTo("stock-rejected");
        var stock = stock(productId);
        assertThat(stock.path("onHand").asInt()).as("stock %s", stock).isEqualTo(1);
        assertThat(stock.path("reserved").asInt()).as("stock %s", stock).isZero();
    }

    @Test
    void submittingTheSameOrderTwiceWithOneIdempotencyKeyPlacesOneOrder() {
        var productId = Platform.createProduct(admin, "Twice kettle " + UUID.randomUUID(), "12.00", 10);
        var key = "double-" + UUID.randomUUID();
        var first = Platform.placeOrderOnceTheProductIsKnown(alice, productId, 1, key, PATIENCE);
        assertThat(first.statusCode()).as(describe(first)).isEqualTo(201);
        var orderId = json(first).get("id").asString();
        // the key that finally succeeded (placeOrderOnceTheProductIsKnown may have needed a fresh one)
        var usedKey = first.request().headers().firstValue("Idempotency-Key").orElseThrow();

        var second = Platform.post(
                "/api/v1/orders", alice, Platform.orderBody(productId, 1), Map.of("Idempotency-Key", usedKey));
        assertThat(second.statusCode())
                .as("the replay answers with the first order: " + describe(second))
                .isEqualTo(200);
        assertThat(json(second).get("id").asString()).isEqualTo(orderId);

        var otherBody = Platform.post(
                "/api/v1/orders", alice, Platform.orderBody(productId, 3), Map.of("Idempotency-Key", usedKey));
        assertThat(otherBody.statusCode())
                .as("same key, another order: " + describe(otherBody))
                .isEqualTo(422);

        var mine = Platform.get("/api/v1/orders?size=100", alice);
        assertThat(mine.statusCode()).as(describe(mine)).isEqualTo(200);
        var copies = 0;
        for (var order : json(mine).path("content")) {
            if (orderId.equals(order.path("id").asString())) {
                copies++;
            }
        }
        assertThat(copies).as("order %s in alice's list", orderId).isEqualTo(1);

        var finished = awaitFinal(orderId);
        assertThat(finished.path("status").asString()).as("order %s", finished).isEqualTo("CONFIRMED");
        // CommitStock follows the confirmation: the reservation becomes a sale of exactly one item
        await("one item of " + productId + " sold")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() ->
                        assertThat(stock(productId).path("onHand").asInt()).isEqualTo(9));
    }

    /** Waits until the saga has finished the order (CONFIRMED or CANCELLED) and returns it. */
    static JsonNode awaitFinal(String orderId) {
        return await("order " + orderId + " confirmed or cancelled")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> Platform.order(alice, orderId), order -> {
                    var status = order.path("status").asString();
                    return "CONFIRMED".equals(status) || "CANCELLED".equals(status);
                });
    }

    static JsonNode stock(UUID productId) {
        var response = Platform.get("/api/v1/products/" + productId + "/stock", alice);
        assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
        return json(response);
    }
}
