package dev.prodev.shop.user;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One user-service context for every IT: real PostgreSQL and Kafka, real signed tokens, and
 * Keycloak's Admin REST API simulated by WireMock with the requests and responses Keycloak
 * documents (token by client credentials, {@code POST /admin/realms/shop/users} answering 201 with
 * {@code Location}, role lookup and {@code role-mappings/realm}, {@code DELETE}/{@code PUT} by id).
 */
@ShopIntegrationTest(
        properties = {
            "shop.keycloak.client-secret=test-secret",
            "shop.keycloak.read-timeout=2s",
            // not the default, so ErasureIT shows the property takes effect
            "shop.users.erasure.tombstone-ttl=PT45M"
        })
abstract class UserIntegrationTest {

    static final WireMockServer KEYCLOAK = new WireMockServer(options().dynamicPort());

    static {
        KEYCLOAK.start();
    }

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String USERS = "/admin/realms/shop/users";

    @Value("${local.server.port}")
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("shop.keycloak.url", () -> "http://127.0.0.1:" + KEYCLOAK.port());
    }

    @BeforeEach
    void keycloakBehavesNormally() {
        if (!KEYCLOAK.isRunning()) {
            KEYCLOAK.start();
        }
        KEYCLOAK.resetAll();
        KEYCLOAK.stubFor(post(urlEqualTo("/realms/shop/protocol/openid-connect/token"))
                .willReturn(okJson("{\"access_token\":\"service-account-token\",\"expires_in\":300,"
                        + "\"token_type\":\"Bearer\"}")));
        KEYCLOAK.stubFor(get(urlEqualTo("/admin/realms/shop/roles/customer"))
                .willReturn(okJson("{\"id\":\"role-customer-id\",\"name\":\"customer\",\"composite\":false}")));
        KEYCLOAK.stubFor(post(urlPathMatching(USERS + "/[^/]+/role-mappings/realm"))
                .willReturn(aResponse().withStatus(204)));
        KEYCLOAK.stubFor(
                delete(urlPathMatching(USERS + "/[^/]+")).willReturn(aResponse().withStatus(204)));
        KEYCLOAK.stubFor(
                put(urlPathMatching(USERS + "/[^/]+")).willReturn(aResponse().withStatus(204)));
    }

    /** Keycloak accepts the new user and tells us its id in {@code Location}, as it documents. */
    static void keycloakCreates(String email, String userId) {
        KEYCLOAK.stubFor(post(urlEqualTo(USERS))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.email", com.github.tomakehurst.wiremock.client.WireMock.equalTo(email)))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Location", "http://127.0.0.1:" + KEYCLOAK.port() + USERS + "/" + userId)));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> call(String method, String path, String authorization, String json)
            throws IOException, InterruptedException {
        var builder = request(path)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
