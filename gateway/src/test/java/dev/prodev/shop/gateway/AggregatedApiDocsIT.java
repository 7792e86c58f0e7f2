package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v3/api-docs} at the gateway: every service's paths and components in one document
 * with the gateway as server; a service whose document fails is left out (and named), not the
 * whole document, and comes back once it answers again.
 */
class AggregatedApiDocsIT extends GatewayIntegrationTest {

    static String doc(String path, String schema, String property) {
        return """
                {"openapi":"3.1.0","info":{"title":"x","version":"1"},
                 "paths":{"%s":{"get":{"operationId":"%s","tags":["%s"],"responses":{"200":{"description":"ok",
                   "content":{"application/json":{"schema":{"$ref":"#/components/schemas/%s"}}}}}}}},
                 "components":{"schemas":{"%s":{"type":"object","properties":{"%s":{"type":"string"}}},
                   "Problem":{"type":"object"}}}}
                """.formatted(path, property, property, schema, schema, property);
    }

    JsonNode aggregated() throws Exception {
        // the first document springdoc generates takes seconds on a loaded CI machine
        var answer =
                send(request("/v3/api-docs").timeout(Duration.ofSeconds(90)).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JsonMapper.builder().build().readTree(answer.body());
    }

    @Test
    void mergesTheServicesDocumentsAndFailsSoftPerService() throws Exception {
        service("user")
                .stubFor(WireMock.get(urlEqualTo("/v3/api-docs"))
                        .willReturn(okJson(doc("/api/v1/users/me", "ItemView", "email"))));
        service("catalog")
                .stubFor(WireMock.get(urlEqualTo("/v3/api-docs"))
                        .willReturn(okJson(doc("/api/v1/products", "ItemView", "sku"))));
        service("order").stubFor(WireMock.get(urlEqualTo("/v3/api-docs")).willReturn(serverError()));
        service("payment")
                .stubFor(WireMock.get(urlEqualTo("/v3/api-docs"))
                        .willReturn(okJson(doc("/api/v1/payments", "PaymentView", "id"))));
        service("notification")
                .stubFor(WireMock.get(urlEqualTo("/v3/api-docs"))
                        .willReturn(okJson(doc("/api/v1/notifications", "NotificationView", "id"))));

        var merged = aggregated();
        assertThat(merged.path("openapi").asString()).startsWith("3.1");
        assertThat(merged.path("servers").get(0).path("url").asString()).isEqualTo("http://localhost:8080");
        assertThat(merged.path("info").path("title").asString()).isEqualTo("ProDev Shop API");
        var paths = merged.path("paths");
        assertThat(paths.has("/api/v1/users/me")).isTrue();
        assertThat(paths.has("/api/v1/products")).isTrue();
        assertThat(paths.has("/api/v1/admin/blocklist"))
                .as("the gateway's own API")
                .isTrue();
        assertThat(paths.has("/fallback/{service}")).isFalse();
        assertThat(paths.has("/api/v1/orders")).isFalse();
        assertThat(merged.path("x-unavailable-documents").toString()).contains("orders");

        // two services' different ItemView: the second is renamed and its reference follows
        var schemas = merged.path("components").path("schemas");
        assertThat(schemas.path("ItemView").path("properties").has("email")).isTrue();
        assertThat(schemas.path("catalog_ItemView").path("properties").has("sku"))
                .isTrue();
        assertThat(paths.path("/api/v1/products").toString()).contains("#/components/schemas/catalog_ItemView");
        assertThat(schemas.has("catalog_Problem"))
                .as("identical definitions are shared")
                .isFalse();

        service("order")
                .stubFor(WireMock.get(urlEqualTo("/v3/api-docs"))
                        .willReturn(okJson(doc("/api/v1/orders", "OrderView", "id"))));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            var again = aggregated();
            assertThat(again.path("paths").has("/api/v1/orders")).isTrue();
            assertThat(again.has("x-unavailable-documents")).isFalse();
        });
    }
}
