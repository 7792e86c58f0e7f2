package dev.prodev.shop.system;

import static dev.prodev.shop.system.support.Platform.describe;
import static dev.prodev.shop.system.support.Platform.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.system.support.LocalPlatform;
import dev.prodev.shop.system.support.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * payment-service stopped in the middle of checkouts, the way it happens in production (a crash
 * or a deploy): the shop keeps taking orders, each waits with its stock reserved instead of
 * failing, and every one of them is paid and confirmed once payment-service is back; nothing is
 * lost and nothing is charged twice. Stops and restarts the real process (deploy/local/down
 * payment-service, then deploy/local/up).
 */
class PaymentOutageIT {

    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final int ORDERS = 3;

    @Test
    void ordersPlacedWhilePaymentServiceIsDownAreConfirmedAfterItReturns() {
        var alice = Platform.login("alice", "alice");
        var aliceEmail = Platform.claim(alice, "email");
        var admin = Platform.login("admin", "admin");
        var productId = Platform.createProduct(admin, "Outage mug " + UUID.randomUUID(), "14.00", 10);
        // before the outage: order-service has learnt the product, and one order went all the way
        var first = Platform.placeOrderOnceTheProductIsKnown(
                alice, productId, 1, "outage-0-" + UUID.randomUUID(), PATIENCE);
        assertThat(first.statusCode()).as(describe(first)).isEqualTo(201);
        var firstId = json(first).get("id").asString();
        await("order " + firstId + " confirmed before the outage")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> Platform.order(alice, firstId).path("status").asString(), "CONFIRMED"::equals);
        var orderIds = new ArrayList<String>();

        LocalPlatform.stop("payment-service");
        try {
            var unavailable = Platform.get("/api/v1/payments/" + firstId, alice);
            assertThat(unavailable.statusCode())
                    .as("the gateway names the missing service: " + describe(unavailable))
                    .isEqualTo(503);
            assertThat(unavailable.body()).contains("payment-service");

            for (int i = 1; i <= ORDERS; i++) {
                var placed = Platform.post(
                        "/api/v1/orders",
                        alice,
                        Platform.orderBody(productId, 1),
                        java.util.Map.of("Idempotency-Key", "outage-" + i + "-" + UUID.randomUUID()));
                assertThat(placed.statusCode())
                        .as("checkout goes on without payment-service: " + describe(placed))
                        .isEqualTo(201);
                orderIds.add(json(placed).get("id").asString());
            }
            for (var orderId : orderIds) {
                await("order " + orderId + " waits for its payment with the stock reserved")
                        .atMost(PATIENCE)
                        .pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions()
                        .until(
                                () -> Platform.order(alice, orderId)
                                        .path("status")
                                        .asString(),
                                "STOCK_RESERVED"::equals);
            }
            // a while later still waiting: neither cancelled nor confirmed without a payment
            Platform.sleep(Duration.ofSeconds(5));
            for (var orderId : orderIds) {
                assertThat(Platform.order(alice, orderId).path("status").asString())
                        .as("order " + orderId)
                        .isEqualTo("STOCK_RESERVED");
            }
        } finally {
            LocalPlatform.startMissing();
        }

        for (var orderId : orderIds) {
            var confirmed = await("order " + orderId + " confirmed after payment-service returned")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(
                            () -> Platform.order(alice, orderId),
                            order -> !"STOCK_RESERVED"
                                            .equals(order.path("status").asString())
                                    && !"PAID".equals(order.path("status").asString()));
            assertThat(confirmed.path("status").asString())
                    .as("order %s", confirmed)
                    .isEqualTo("CONFIRMED");
            var payment = Platform.get("/api/v1/payments/" + orderId, alice);
            assertThat(payment.statusCode()).as(describe(payment)).isEqualTo(200);
            assertThat(json(payment).path("status").asString())
                    .as(describe(payment))
                    .isEqualTo("AUTHORIZED");
            assertThat(new java.math.BigDecimal(
                            json(payment).path("amount").path("amount").asString()))
                    .as(describe(payment))
                    .isEqualByComparingTo("14.00");
            await("the confirmation email for " + orderId)
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(
                            () -> assertThat(Platform.mailbox(aliceEmail)).contains(orderId));
        }
        await("four items sold (one before, three during the outage), none reserved")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var stock = json(Platform.get("/api/v1/products/" + productId + "/stock", alice));
                    assertThat(stock.path("onHand").asInt())
                            .as("stock %s", stock)
                            .isEqualTo(10 - 1 - ORDERS);
                    assertThat(stock.path("reserved").asInt())
                            .as("stock %s", stock)
                            .isZero();
                });
    }
}
