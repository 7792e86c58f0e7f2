package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.test.ServiceEssentials;
import dev.prodev.shop.test.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The gateway in front of simulated services: routing, token validation and relay, headers, docs, metrics, logs. */
@ExtendWith(OutputCaptureExtension.class)
class GatewayIT extends GatewayIntegrationTest implements ServiceEssentials {

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void keepsStateInARealRedis() {
        var key = "gateway-it:" + UUID.randomUUID();
        assertThat(redis.opsForValue().set(key, "1", Duration.ofSeconds(30)).block())
                .isTrue();
        assertThat(redis.opsForValue().get(key).block()).isEqualTo("1");
        redis.delete(key).block();
    }

    @Test
    void routesToTheServiceRelayingTheTokenAndDroppingSpoofableHeaders() throws Exception {
        var token = TestTokens.bearer("alice", "customer");
        var response = send(request("/api/v1/orders/42")
                .header("Authorization", token)
                .header("X-User-Id", "admin")
                .header("X-Real-IP", "1.2.3.4")
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"from\":\"service\"");
        var seen = service("order").findAll(getRequestedFor(urlEqualTo("/api/v1/orders/42")));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).getHeader("Authorization")).as("token relayed").isEqualTo(token);
        assertThat(seen.get(0).containsHeader("X-User-Id"))
                .as("spoofable header dropped")
                .isFalse();
        assertThat(seen.get(0).containsHeader("X-Real-IP")).isFalse();
        assertThat(seen.get(0).containsHeader("X-Forwarded-For"))
                .as("client-supplied forwarding never relayed")
                .isFalse();
    }

    @Test
    void everyResponseCarriesTheTraceIdTheServiceSawInTraceparent() throws Exception {
        var response = get("/api/v1/products/7", null);
        assertThat(response.statusCode()).isEqualTo(200);
        var traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}");
        var traceparent = service("catalog")
                .findAll(getRequestedFor(urlEqualTo("/api/v1/products/7")))
                .get(0)
                .getHeader("traceparent");
        assertThat(traceparent).as("the trace continues in the service").contains("-" + traceId + "-");

        var rejected = get("/api/v1/orders", null);
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.headers().firstValue("X-Trace-Id"))
                .as("errors carry it too")
                .isPresent();
    }

    @Test
    void publicRoutesNeedNoTokenAndEverythingElseDoes() throws Exception {
        assertThat(get("/api/v1/products", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/categories/3", null).statusCode()).isEqualTo(200);
        assertThat(send(request("/graphql").POST(ofJson("{\"query\":\"{products{id}}\"}")))
                        .statusCode())
                .isEqualTo(200);
        assertThat(send(request("/api/v1/users/register").POST(ofJson("{}"))).statusCode())
                .isEqualTo(200);
        assertThat(send(request("/api/v1/payments/webhooks/chapa").POST(ofJson("{}")))
                        .statusCode())
                .isEqualTo(200);

        assertThat(send(request("/api/v1/products").POST(ofJson("{}"))).statusCode())
                .as("catalog writes are not public")
                .isEqualTo(401);
        assertThat(get("/api/v1/users/me", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/payments/123", null).statusCode()).isEqualTo(401);
        assertThat(service("user").findAll(getRequestedFor(urlEqualTo("/api/v1/users/me"))))
                .as("never proxied")
                .isEmpty();
    }

    @Test
    void rejectsExpiredForgedAndForeignTokensWithProblemJsonAndAnRfc6750InvalidTokenChallenge() throws Exception {
        var tokens = new java.util.LinkedHashMap<String, String>();
        tokens.put(TestTokens.expired("alice", "customer"), "The access token has expired");
        tokens.put(TestTokens.wronglySigned("alice", "customer"), "The access token is malformed");
        tokens.put(TestTokens.wrongAudience("alice", "customer"), "The access token is not meant for this API");
        tokens.put("Bearer not-a-jwt", "The access token is malformed");
        for (var token : tokens.entrySet()) {
            var response = getAs(someClientIp(), "/api/v1/orders", token.getKey());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(response.body()).contains("\"status\":401", token.getValue());
            // RFC 6750 section 3: the scheme, the realm, then error and a description in its allowed characters
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value)
                            .matches(
                                    "Bearer realm=\"shop\", error=\"invalid_token\", error_description=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+\"")
                            .contains(token.getValue()));
        }
        assertThat(service("order").getAllServeEvents())
                .as("nothing reached the service")
                .isEmpty();
    }

    @Test
    void aRequestWithoutATokenGetsTheBareChallenge() throws Exception {
        var response = get("/api/v1/orders", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"shop\"");
        assertThat(contentType(response)).startsWith("application/problem+json");
    }

    @Test
    void aCustomerOnAnAdminRouteIsForbiddenWithInsufficientScope() throws Exception {
        var response = get("/api/v1/orders/admin/dead-letters", TestTokens.bearer("alice", "customer"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":403");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value)
                        .startsWith("Bearer realm=\"shop\", error=\"insufficient_scope\", error_description=\""));
        assertThat(get("/api/v1/orders/admin/dead-letters", TestTokens.bearer("admin", "admin", "customer"))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownPathsAreProblemJson404() throws Exception {
        var response = get("/api/v1/nothing-here", TestTokens.bearer("alice", "customer"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void sendsSecurityHeaders() throws Exception {
        var response = get("/api/v1/products", null);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
    }

    @Test
    void allowsCorsOnlyForConfiguredOrigins() throws Exception {
        var allowed = send(request("/api/v1/orders")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");

        var foreign = send(request("/api/v1/orders")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aggregatesEveryServicesOpenApiDocument() throws Exception {
        var config = get("/v3/api-docs/gateway/swagger-config", null);
        assertThat(config.statusCode()).isEqualTo(200);
        for (var doc : new String[] {"users", "catalog", "orders", "payments", "notifications"}) {
            assertThat(config.body()).contains("/v3/api-docs/" + doc);
        }
        var orders = get("/v3/api-docs/orders", null);
        assertThat(orders.statusCode()).isEqualTo(200);
        assertThat(service("order").findAll(getRequestedFor(urlEqualTo("/v3/api-docs"))))
                .hasSize(1);
        assertThat(get("/swagger-ui.html", null).statusCode()).isIn(200, 302);
    }

    @Test
    void countsRequestsPerRouteAndStatus() throws Exception {
        get("/api/v1/notifications", TestTokens.bearer("alice", "customer"));
        var metrics = get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .containsPattern(
                        "spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"notification-service\"[^}]*status=\"OK\"");
    }

    @Test
    void logsOneAccessLineWithIpUserRouteStatusLatencyAndTrace(CapturedOutput output) throws Exception {
        var response = get("/api/v1/orders/log-me", TestTokens.bearer("alice", "customer"));
        var traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> output.getOut().contains("traceId=" + traceId));
        var lines = output.getOut()
                .lines()
                .filter(line -> line.contains("GET /api/v1/orders/log-me"))
                .toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains("status=200", "route=order-service", "ip=127.0.0.1", "user=alice", "traceId=" + traceId)
                .containsPattern("latencyMs=\\d+");
    }

    @Test
    void operatorEndpointsBeyondProbesNeedSreOrAdmin() throws Exception {
        assertThat(get("/actuator/gateway/routes", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/gateway/routes", TestTokens.bearer("alice", "customer"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/actuator/metrics", TestTokens.bearer("sre", "sre")).statusCode())
                .isEqualTo(200);
    }

    static java.net.http.HttpRequest.BodyPublisher ofJson(String json) {
        return java.net.http.HttpRequest.BodyPublishers.ofString(json);
    }
}
