package dev.prodev.shop.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Token buckets in the real Redis. The test properties give role {@code limited-test} a bucket
 * of 3 refilled at 1 token/s, so a burst runs dry at once while alice (customer tier) does not.
 */
class RateLimitIT extends GatewayIntegrationTest {

    @Test
    void aUserOverTheirTierGets429WithRetryAfterThenRecoversAfterTheRefill() throws Exception {
        var token = TestTokens.bearer("throttled-" + UUID.randomUUID(), "limited-test");
        var responses = new ArrayList<HttpResponse<String>>();
        for (int i = 0; i < 8; i++) {
            responses.add(get("/api/v1/products/1", token));
        }
        assertThat(responses.subList(0, 3))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(responses.get(0).headers().firstValue("X-RateLimit-Remaining"))
                .hasValue("2");
        var refused = responses.stream()
                .filter(response -> response.statusCode() == 429)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 429 in "
                        + responses.stream().map(HttpResponse::statusCode).toList()));
        assertThat(contentType(refused)).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429").contains("rate-limited");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");

        var retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        // the bucket refills by whole seconds: recovery within Retry-After plus a little
        var afterRefill = await("a call after Retry-After")
                .atMost(Duration.ofSeconds(retryAfter + 3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/v1/products/1", token).statusCode(), status -> status == 200);
        assertThat(afterRefill).as("after the refill").isEqualTo(200);
    }

    @Test
    void eachUserHasTheirOwnBucket() throws Exception {
        var first = TestTokens.bearer("throttled-" + UUID.randomUUID(), "limited-test");
        var second = TestTokens.bearer("throttled-" + UUID.randomUUID(), "limited-test");
        var refused = false;
        for (int i = 0; i < 20 && !refused; i++) {
            refused = get("/api/v1/products/1", first).statusCode() == 429;
        }
        assertThat(refused).as("the first user's bucket runs dry").isTrue();
        assertThat(get("/api/v1/products/1", second).statusCode())
                .as("the second user's is full")
                .isEqualTo(200);
        assertThat(get("/api/v1/products/1", TestTokens.bearer("alice", "customer"))
                        .statusCode())
                .as("customer tier is larger")
                .isEqualTo(200);
    }

    @Test
    void countsRejectionsPerRouteAndTier() throws Exception {
        var token = TestTokens.bearer("throttled-" + UUID.randomUUID(), "limited-test");
        for (int i = 0; i < 6; i++) {
            get("/api/v1/categories", token);
        }
        var metrics = get("/actuator/prometheus", null).body();
        assertThat(metrics)
                .containsPattern(
                        "shop_gateway_rate_limit_rejections_total\\{[^}]*route=\"catalog-service\"[^}]*tier=\"role-limited-test\"[^}]*\\} [1-9]");
    }
}
