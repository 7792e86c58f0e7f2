package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.prodev.shop.test.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Circuit breaker, time limit, retries and the 503 fallback against services that stop or stall. */
class ResilienceIT extends GatewayIntegrationTest {

    static final String ALICE = TestTokens.bearer("alice", "customer");

    /** Time limit in the tests (2 s) plus room for a loaded CI machine; a hanging request takes 30 s. */
    static final Duration PROMPTLY = Duration.ofMillis(4500);

    @org.junit.jupiter.api.BeforeEach
    void routesAreWarm() throws Exception {
        // the first proxied call of a cold JVM can exceed the time limit by itself
        for (var path : new String[] {"/api/v1/orders/warm", "/api/v1/payments/warm", "/api/v1/notifications"}) {
            assertThat(awaitStatus(path, 200, Duration.ofSeconds(30))).as(path).isEqualTo(200);
        }
        SERVICES.values().forEach(server -> server.resetRequests());
    }

    @Test
    void aStoppedServiceGives503ProblemJsonNamingItThenRecoversWhenItReturns() throws Exception {
        var notifications = service("notification");
        var port = notifications.port();
        notifications.stop();
        try {
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                var response = get("/api/v1/notifications", ALICE);
                var elapsed = Duration.ofNanos(System.nanoTime() - start);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(contentType(response)).startsWith("application/problem+json");
                assertThat(response.body()).contains("\"service\":\"notification-service\"");
                assertThat(elapsed).as("never hangs beyond the time limit").isLessThan(PROMPTLY);
            }
        } finally {
            restart("notification", port);
        }
        assertThat(awaitStatus("/api/v1/notifications", 200, Duration.ofSeconds(15)))
                .as("recovers once the service is back")
                .isEqualTo(200);
    }

    /**
     * Resilience4j's default bulkhead (25 concurrent calls, no waiting) refused the 26th concurrent
     * request to a perfectly healthy service. The tests size it at 40 per route: 30 concurrent slow
     * calls all pass; 80 overflow it, and the overflow gets an immediate 503 naming the service.
     */
    @Test
    void concurrentCallsPassUpToTheBulkheadAndTheOverflowGets503() throws Exception {
        var catalog = service("catalog");
        catalog.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/v1/products/busy"))
                .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(1000)));
        assertThat(statuses(concurrently(30, "/api/v1/products/busy")))
                .as("30 concurrent calls")
                .containsOnlyKeys(200);

        var overflow = concurrently(80, "/api/v1/products/busy");
        var statuses = statuses(overflow);
        assertThat(statuses).as("80 concurrent calls").containsOnlyKeys(200, 503);
        assertThat(statuses.get(200)).as("at most the bulkhead's 40 at a time").isBetween(1L, 40L);
        assertThat(overflow.stream().filter(r -> r.statusCode() == 503))
                .allSatisfy(refused -> assertThat(refused.body()).contains("catalog-service"));
        // the refusals opened the circuit (failure rate); it probes again after 1 s in the tests
        assertThat(awaitStatus("/api/v1/products/ok", 200, Duration.ofSeconds(15)))
                .isEqualTo(200);
    }

    /** {@code n} anonymous GETs at once, each from its own client IP (so no rate limit interferes). */
    java.util.List<HttpResponse<String>> concurrently(int n, String path) {
        var calls = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < n; i++) {
            calls.add(HTTP.sendAsync(
                    request(path)
                            .header("X-Forwarded-For", someClientIp())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    }

    static java.util.Map<Integer, Long> statuses(java.util.List<HttpResponse<String>> responses) {
        return responses.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        HttpResponse::statusCode, java.util.stream.Collectors.counting()));
    }

    @Test
    void aStallingServiceIsCutOffAtTheTimeLimit() throws Exception {
        service("payment")
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/api/v1/payments/slow"))
                        .willReturn(aResponse().withStatus(200).withFixedDelay(6000)));
        long start = System.nanoTime();
        var response = get("/api/v1/payments/slow", ALICE);
        var elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("payment-service");
        assertThat(elapsed)
                .as("cut at the 2 s time limit")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900))
                .isLessThan(PROMPTLY);
        assertThat(awaitStatus("/api/v1/payments/ok", 200, Duration.ofSeconds(15)))
                .isEqualTo(200);
    }

    @Test
    void retriesOnlyIdempotentMethods() throws Exception {
        var orders = service("order");
        // the connection breaks mid-call, as when an instance dies or restarts
        orders.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlEqualTo("/api/v1/orders/flaky"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        orders.stubFor(post(urlEqualTo("/api/v1/orders/flaky"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(get("/api/v1/orders/flaky", ALICE).statusCode()).isEqualTo(503);
        assertThat(orders.findAll(getRequestedFor(urlEqualTo("/api/v1/orders/flaky"))))
                .as("GET: 1 + 2 retries")
                .hasSize(3);

        var post = send(request("/api/v1/orders/flaky")
                .header("Authorization", ALICE)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(post.statusCode()).isEqualTo(503);
        // at most once: the POST may even die on a pooled connection the failing service just reset
        assertThat(orders.findAll(postRequestedFor(urlEqualTo("/api/v1/orders/flaky"))))
                .as("POST: never retried")
                .hasSizeLessThanOrEqualTo(1);
        orders.resetAll();
        orders.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(aResponse().withStatus(200)));
        assertThat(awaitStatus("/api/v1/orders/ok", 200, Duration.ofSeconds(15)))
                .isEqualTo(200);
    }

    /** Polls until {@code path} answers {@code expected}; on time-out Awaitility names the last status. */
    private int awaitStatus(String path, int expected, Duration within) {
        return await(path + " answers " + expected)
                .atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(path, ALICE).statusCode(), status -> status == expected);
    }

    private static void restart(String name, int port) {
        var server = new WireMockServer(WireMockConfiguration.options().port(port));
        server.start();
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"from\":\"service\"}")));
        SERVICES.put(name, server);
    }
}
