package dev.prodev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.system.support.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix through the real front door: every endpoint of ARCHITECTURE.md and
 * contracts.md × {anonymous, alice, bob (another customer), admin, sre}, with real Keycloak tokens
 * (password grant on {@code shop-web}) against the platform on :8080. Each cell is the status the
 * caller must see; "ok" cells use deliberately harmless requests (an unknown id, an invalid body)
 * so the matrix never changes shop data except the order alice places to prove ownership.
 * {@code DELETE /api/v1/users/me} is the one endpoint left out here (it would delete the demo
 * users); the service-level matrix ({@code UserAuthorizationMatrixIT}) and the erasure test
 * cover it. Runs only with {@code -Psystem} after {@code deploy/local/up}.
 */
class AuthorizationMatrixIT {

    enum Caller {
        ANONYMOUS,
        ALICE,
        BOB,
        ADMIN,
        SRE
    }

    /** Expected status per caller, in the order anonymous, alice, bob, admin, sre. */
    record Cell(String method, String path, String body, int... expected) {
        int expected(Caller caller) {
            return expected[caller.ordinal()];
        }
    }

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);
    static String alicesOrder;

    @BeforeAll
    static void logInAndPlaceAlicesOrder() {
        TOKENS.put(Caller.ALICE, Platform.login("alice", "alice"));
        TOKENS.put(Caller.BOB, Platform.login("bob", "bob"));
        TOKENS.put(Caller.ADMIN, Platform.login("admin", "admin"));
        TOKENS.put(Caller.SRE, Platform.login("sre", "sre"));
        var product = Platform.createProduct(TOKENS.get(Caller.ADMIN), "Matrix mug", "9.90", 5);
        var placed = Platform.placeOrderOnceTheProductIsKnown(
                TOKENS.get(Caller.ALICE), product, 1, "matrix-" + UUID.randomUUID(), Duration.ofSeconds(30));
        assertThat(placed.statusCode()).as(Platform.describe(placed)).isIn(201, 202);
        alicesOrder = Platform.json(placed).get("id").asString();
        // her payment exists once the saga has finished the order (the price is one the simulator accepts)
        org.awaitility.Awaitility.await("alice's order confirmed")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(
                        () -> Platform.order(TOKENS.get(Caller.ALICE), alicesOrder)
                                .path("status")
                                .asString(),
                        "CONFIRMED"::equals);
    }

    static List<Cell> matrix() {
        var unknown = UUID.randomUUID();
        var order = "/api/v1/orders/" + alicesOrder;
        return List.of(
                // gateway itself
                new Cell("GET", "/actuator/health", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/actuator/prometheus", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/actuator/metrics", null, 401, 403, 403, 200, 200),
                new Cell("GET", "/actuator/gateway/routes", null, 401, 403, 403, 200, 200),
                new Cell("GET", "/api/v1/admin/blocklist", null, 401, 403, 403, 200, 403),
                new Cell("POST", "/api/v1/admin/blocklist", "{}", 401, 403, 403, 400, 403),
                new Cell("DELETE", "/api/v1/admin/blocklist/203.0.113.254", null, 401, 403, 403, 404, 403),
                new Cell("GET", "/v3/api-docs/users", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/v3/api-docs/catalog", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/v3/api-docs/orders", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/v3/api-docs/payments", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/v3/api-docs/notifications", null, 200, 200, 200, 200, 200),
                // catalog: browsing is public, writes are admin
                new Cell("GET", "/api/v1/products", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/api/v1/products?q=mug", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/api/v1/products/" + unknown, null, 404, 404, 404, 404, 404),
                new Cell("GET", "/api/v1/products/sku/NO-SUCH-SKU", null, 404, 404, 404, 404, 404),
                new Cell("GET", "/api/v1/products/" + unknown + "/stock", null, 404, 404, 404, 404, 404),
                new Cell("GET", "/api/v1/categories", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/api/v1/categories/tree", null, 200, 200, 200, 200, 200),
                new Cell("GET", "/api/v1/categories/" + unknown, null, 404, 404, 404, 404, 404),
                new Cell("POST", "/graphql", "{\"query\":\"{ __typename }\"}", 200, 200, 200, 200, 200),
                new Cell("POST", "/api/v1/products", "{}", 401, 403, 403, 400, 403),
                new Cell("PUT", "/api/v1/products/" + unknown, "{}", 401, 403, 403, 400, 403),
                new Cell("POST", "/api/v1/products/" + unknown + "/discontinue", null, 401, 403, 403, 404, 403),
                new Cell("POST", "/api/v1/categories", "{}", 401, 403, 403, 400, 403),
                new Cell("PUT", "/api/v1/categories/" + unknown, "{}", 401, 403, 403, 400, 403),
                new Cell("DELETE", "/api/v1/categories/" + unknown, null, 401, 403, 403, 404, 403),
                new Cell("POST", "/api/v1/products/" + unknown + "/stock/adjustments", "{}", 401, 403, 403, 400, 403),
                new Cell("GET", "/api/v1/products/admin/dead-letters", null, 401, 403, 403, 200, 403),
                // users
                new Cell("POST", "/api/v1/users/register", "{}", 400, 400, 400, 400, 400),
                new Cell("GET", "/api/v1/users/me", null, 401, 200, 200, 200, 200),
                new Cell("PUT", "/api/v1/users/me", "{}", 401, 400, 400, 400, 400),
                new Cell("GET", "/api/v1/users/me/addresses", null, 401, 200, 200, 200, 200),
                new Cell("POST", "/api/v1/users/me/addresses", "{}", 401, 400, 400, 400, 400),
                new Cell("GET", "/api/v1/users/me/addresses/" + unknown, null, 401, 404, 404, 404, 404),
                new Cell("DELETE", "/api/v1/users/me/addresses/" + unknown, null, 401, 404, 404, 404, 404),
                new Cell("GET", "/api/v1/users", null, 401, 403, 403, 200, 403),
                new Cell("POST", "/api/v1/users/" + unknown + "/disable", null, 401, 403, 403, 404, 403),
                new Cell("GET", "/api/v1/users/admin/dead-letters", null, 401, 403, 403, 200, 403),
                // orders: ownership means another customer's order is 404
                new Cell("GET", order, null, 401, 200, 404, 200, 403),
                new Cell("GET", "/api/v1/orders", null, 401, 200, 200, 200, 403),
                new Cell("GET", "/api/v1/orders?all=true", null, 401, 403, 403, 200, 403),
                new Cell("POST", "/api/v1/orders", "{}", 401, 400, 400, 400, 403),
                // her order is paid: nobody may cancel it any more, and bob does not even see it
                new Cell("POST", order + "/cancel", null, 401, 409, 404, 409, 403),
                new Cell("GET", "/api/v1/orders/admin/dead-letters", null, 401, 403, 403, 200, 403),
                // refunding a confirmed order through the saga is admin-only (ADR 0025)
                new Cell("POST", "/api/v1/orders/" + unknown + "/refund", "{}", 401, 403, 403, 404, 403),
                // payments: a payment is visible to its order's owner (and admins); refunds are admin
                new Cell("GET", "/api/v1/payments/" + alicesOrder, null, 401, 200, 404, 200, 404),
                new Cell("GET", "/api/v1/payments/" + unknown, null, 401, 404, 404, 404, 404),
                new Cell("POST", "/api/v1/payments/" + unknown + "/refund", "{}", 401, 403, 403, 404, 403),
                new Cell("GET", "/api/v1/payments/admin/dead-letters", null, 401, 403, 403, 200, 403),
                new Cell(
                        "GET",
                        "/api/v1/payments/admin/ledger/daily?from=2026-12-01&to=2026-12-01",
                        null,
                        401,
                        403,
                        403,
                        200,
                        403),
                // public, but a webhook without the provider's signature is refused whoever sends it
                new Cell("POST", "/api/v1/payments/webhooks/chapa", "{}", 401, 401, 401, 401, 401),
                // notifications
                new Cell("GET", "/api/v1/notifications", null, 401, 200, 200, 200, 200),
                new Cell("GET", STREAM, null, 401, 200, 200, 200, 200),
                new Cell("POST", "/api/v1/notifications/" + unknown + "/read", null, 401, 404, 404, 404, 404),
                new Cell("GET", "/api/v1/notifications/admin/deliveries", null, 401, 403, 403, 200, 403),
                new Cell(
                        "POST",
                        "/api/v1/notifications/admin/deliveries/" + unknown + "/redrive",
                        null,
                        401,
                        403,
                        403,
                        404,
                        403),
                new Cell("GET", "/api/v1/notifications/admin/dead-letters", null, 401, 403, 403, 200, 403));
    }

    static final String STREAM = "/api/v1/notifications/stream";

    @Test
    void everyEndpointAnswersEveryRoleAsDesigned() throws Exception {
        var mismatches = new ArrayList<String>();
        for (var cell : matrix()) {
            for (var caller : Caller.values()) {
                var request = HttpRequest.newBuilder(URI.create(Platform.GATEWAY + cell.path()))
                        .timeout(Duration.ofSeconds(30))
                        .method(
                                cell.method(),
                                cell.body() == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(cell.body()))
                        .header("Content-Type", "application/json");
                if (caller != Caller.ANONYMOUS) {
                    request.header("Authorization", TOKENS.get(caller));
                }
                var response = STREAM.equals(cell.path())
                        ? openStream(request)
                        : HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != cell.expected(caller)) {
                    mismatches.add(cell.method() + " " + cell.path() + " as " + caller + ": expected "
                            + cell.expected(caller) + ", got " + Platform.describe(response));
                } else if (response.statusCode() >= 400
                        && !response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("application/problem+json")) {
                    mismatches.add(cell.method() + " " + cell.path() + " as " + caller + ": error is not problem+json");
                } else if (STREAM.equals(cell.path())
                        && response.statusCode() == 200
                        && !response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("text/event-stream")) {
                    mismatches.add(STREAM + " as " + caller + ": not an event stream");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /**
     * The SSE stream never ends: an answer of 200 is taken as its status and headers only (the
     * connection is closed at once); an error answer is read whole, as usual.
     */
    static HttpResponse<String> openStream(HttpRequest.Builder request) throws Exception {
        request.setHeader("Accept", "text/event-stream");
        return HTTP.send(
                request.build(),
                info -> info.statusCode() == 200
                        ? headersOnly()
                        : HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A body of "" at once, the stream itself cancelled (which closes the connection). */
    static HttpResponse.BodySubscriber<String> headersOnly() {
        return new HttpResponse.BodySubscriber<>() {
            public java.util.concurrent.CompletionStage<String> getBody() {
                return java.util.concurrent.CompletableFuture.completedStage("");
            }

            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.cancel();
            }

            public void onNext(List<java.nio.ByteBuffer> item) {}

            public void onError(Throwable throwable) {}

            public void onComplete() {}
        };
    }
}
