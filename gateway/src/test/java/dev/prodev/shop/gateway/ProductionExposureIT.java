package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.TestTokens;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as production configures it: API documents hidden through the environment variable
 * production sets ({@code SHOP_GATEWAY_API_DOCS_PUBLIC=false}), and no trusted proxies (the default):
 * {@code X-Forwarded-For} is then never believed, from anyone. Its own context, since both settings
 * differ from the other gateway ITs'.
 */
class ProductionExposureIT extends GatewayIntegrationTest {

    @DynamicPropertySource
    static void productionSettings(DynamicPropertyRegistry registry) {
        registry.add("SHOP_GATEWAY_API_DOCS_PUBLIC", () -> "false");
        registry.add("shop.gateway.trusted-proxies", () -> "");
    }

    @Test
    void swaggerUiAndTheApiDocumentsAreNotFound() throws Exception {
        for (var path : List.of(
                "/swagger-ui.html",
                "/swagger-ui/index.html",
                "/webjars/swagger-ui/index.html",
                "/v3/api-docs/gateway",
                "/v3/api-docs/gateway/swagger-config",
                "/v3/api-docs/orders",
                "/v3/api-docs")) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(contentType(response)).as(path).startsWith("application/problem+json");
        }
        assertThat(service("order").findAll(getRequestedFor(urlEqualTo("/v3/api-docs"))))
                .isEmpty();
        assertThat(get("/api/v1/products", null).statusCode())
                .as("the API itself is unaffected")
                .isEqualTo(200);
    }

    @Test
    void withoutTrustedProxiesXForwardedForIsNeverBelieved() throws Exception {
        var admin = TestTokens.bearer("admin", "admin", "customer");
        var blocked = someClientIp();
        var block = send(request("/api/v1/admin/blocklist")
                .header("Authorization", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ip\":\"" + blocked + "\",\"ttlSeconds\":120}")));
        assertThat(block.statusCode()).isEqualTo(201);
        try {
            // 127.0.0.1 is a trusted proxy in the other ITs' context, not here: the header is a claim we ignore
            // (asked of the gateway's own API, so no service's warm-up can get in the way)
            assertThat(getAs(blocked, "/api/v1/admin/blocklist", admin).statusCode())
                    .isEqualTo(200);
            // and a relayed request is no local operator's, whatever address it claims
            assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
            assertThat(getAs("127.0.0.1", "/actuator/prometheus", null).statusCode())
                    .isEqualTo(404);
        } finally {
            send(request("/api/v1/admin/blocklist/" + blocked)
                    .header("Authorization", admin)
                    .DELETE());
        }
    }
}
