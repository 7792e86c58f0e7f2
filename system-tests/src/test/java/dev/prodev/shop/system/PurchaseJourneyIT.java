package dev.prodev.shop.system;

import static dev.prodev.shop.system.support.Platform.describe;
import static dev.prodev.shop.system.support.Platform.get;
import static dev.prodev.shop.system.support.Platform.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.system.support.NotificationStream;
import dev.prodev.shop.system.support.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole purchase through the gateway with real Keycloak tokens, on the platform started by
 * {@code deploy/local/up}: a new shopper registers, logs in, browses, orders with an
 * Idempotency-Key, the simulator pays, the order is CONFIRMED, the confirmation email reaches
 * the mail server, the in-app notification arrives on the live stream, and Zipkin holds one
 * trace with spans from every service on the way.
 */
class PurchaseJourneyIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final Set<String> SERVICES_ON_THE_PATH =
            Set.of("gateway", "order-service", "catalog-service", "payment-service", "notification-service");

    @Test
    void aNewShopperBuysAndIsToldEverywhereAndTheWholeJourneyIsOneTrace() {
        // register and log in
        var email = "journey-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var password = "Journey-" + UUID.randomUUID();
        var registration = new LinkedHashMap<String, Object>();
        registration.put("email", email);
        registration.put("password", password);
        registration.put("firstName", "Journey");
        registration.put("lastName", "Tester");
        var registered = Platform.post("/api/v1/users/register", null, registration, Map.of());
        assertThat(registered.statusCode()).as(describe(registered)).isEqualTo(201);
        var shopper = Platform.login(email, password);

        // a product of our own, so its price and stock are known (19.90: the simulator authorizes it; see
        // payment-service's simulator table)
        var admin = Platform.login("admin", "admin");
        var productName = "Journey mug " + UUID.randomUUID().toString().substring(0, 8);
        var productId = Platform.createProduct(admin, productName, "19.90", 10);

        // browse: the shopper finds it in the catalogue
        await("the new product in the catalogue search")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var page = get("/api/v1/products?q=" + productName.replace(' ', '+'), shopper);
                    assertThat(page.statusCode()).as(describe(page)).isEqualTo(200);
                    assertThat(page.body()).as(describe(page)).contains(productId.toString());
                });

        // the welcome notification (from user.registered) is where the live stream starts
        var welcome = await("the welcome notification of the new shopper (user.registered -> notification-service)")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(
                        () -> json(get("/api/v1/notifications", shopper))
                                .path("items")
                                .path(0)
                                .path("id")
                                .asString(),
                        id -> id != null && !id.isBlank());
        try (var stream = new NotificationStream(shopper, welcome)) {

            // order with an idempotency key
            var placed = Platform.placeOrderOnceTheProductIsKnown(
                    shopper, productId, 1, "journey-" + UUID.randomUUID(), PATIENCE);
            assertThat(placed.statusCode()).as(describe(placed)).isEqualTo(201);
            var orderId = json(placed).get("id").asString();
            var traceId = placed.headers().firstValue("X-Trace-Id").orElse(null);

            // paid by the simulator and confirmed
            var confirmed = await("order " + orderId + " confirmed or cancelled")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(
                            () -> Platform.order(shopper, orderId),
                            order -> Set.of("CONFIRMED", "CANCELLED")
                                    .contains(order.path("status").asString()));
            assertThat(confirmed.path("status").asString())
                    .as("order (with its saga timeline): %s", confirmed)
                    .isEqualTo("CONFIRMED");
            assertThat(confirmed.path("total").path("amount").decimalValue()).isEqualByComparingTo("19.90");

            // the confirmation email in the mail server
            await("the confirmation email to " + email + " naming order " + orderId)
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(Platform.mailbox(email))
                            .contains(orderId)
                            .contains("confirmed"));

            // and the in-app notification, live
            await("ORDER_CONFIRMED on the live stream (connections: " + stream.connections() + ")")
                    .atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(stream.data())
                            .anySatisfy(
                                    data -> assertThat(data).contains(orderId).contains("ORDER_CONFIRMED")));
            assertThat(stream.connections().getFirst()).startsWith("200 text/event-stream");

            // one trace holds every service of the journey
            var services = await("one trace with spans of " + SERVICES_ON_THE_PATH + " (X-Trace-Id " + traceId
                            + ", order " + orderId + ")")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(
                            () -> servicesOfTheTrace(traceId, orderId),
                            found -> found.containsAll(SERVICES_ON_THE_PATH));
            assertThat(services).containsAll(SERVICES_ON_THE_PATH);
        }
    }

    /** Services with spans in the order's trace: by the response's trace id, else by the orderId tag. */
    static Set<String> servicesOfTheTrace(String traceId, String orderId) {
        var found = new TreeSet<String>();
        if (traceId != null && !traceId.isBlank()) {
            collect(Platform.zipkinTrace(traceId), found);
        } else {
            // no X-Trace-Id header: the trace notification-service tagged with the order id
            for (var trace : Platform.zipkinTracesOfOrder(orderId)) {
                var services = new TreeSet<String>();
                collect(trace, services);
                if (services.size() > found.size()) {
                    found = services;
                }
            }
        }
        return found;
    }

    private static void collect(JsonNode spans, Set<String> services) {
        for (var span : spans) {
            var name = span.path("localEndpoint").path("serviceName").asString();
            if (name != null && !name.isBlank()) {
                services.add(name);
            }
        }
    }
}
