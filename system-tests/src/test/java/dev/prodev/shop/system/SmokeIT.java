package dev.prodev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Smoke test of the whole platform as {@code deploy/local/up} runs it (real Keycloak, real Kafka,
 * the six services behind the gateway). Runs only with {@code -Psystem}; {@code .ci/run} starts the
 * platform first and stops it afterwards. URLs come from the system properties set in the pom.
 */
class SmokeIT {

    static final String GATEWAY = System.getProperty("shop.gateway.url", "http://localhost:8080");
    static final String KEYCLOAK = System.getProperty("shop.keycloak.url", "http://localhost:8180");
    static final String KAFKA = System.getProperty("shop.kafka.bootstrap", "localhost:9092");

    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper json = JsonMapper.builder().build();
    static String aliceToken;

    @BeforeAll
    static void aliceLogsInAtKeycloak() throws Exception {
        aliceToken = passwordGrant("alice", "alice");
    }

    @Test
    void aliceGetsARealKeycloakTokenForTheShopApiWithRoleCustomer() {
        var claims = claimsOf(aliceToken);
        assertThat(claims.path("iss").asString()).isEqualTo(KEYCLOAK + "/realms/shop");
        assertThat(claims.path("preferred_username").asString()).isEqualTo("alice");
        assertThat(claims.path("sub").asString()).isNotBlank();
        // aud is a string or an array depending on how many audiences the token has
        var audience = claims.path("aud");
        var audiences = audience.isArray()
                ? audience.valueStream().map(JsonNode::asString).toList()
                : List.of(audience.asString());
        assertThat(audiences).contains("shop-api");
        assertThat(claims.path("realm_access").path("roles").valueStream().map(JsonNode::asString))
                .contains("customer")
                .doesNotContain("admin");
    }

    @Test
    void aWrongPasswordGetsNoToken() throws Exception {
        var response = post(
                KEYCLOAK + "/realms/shop/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "shop-web", "username", "alice", "password", "wrong"));
        // Keycloak answers the OAuth2 error invalid_grant (status 400 or 401 depending on its version)
        assertThat(response.statusCode()).isIn(400, 401);
        assertThat(json.readTree(response.body()).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void gatewayIsReady() throws Exception {
        assertThat(get(GATEWAY + "/actuator/health/readiness", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anonymousOrdersRequestIsRefusedWithProblemJson() throws Exception {
        var response = get(GATEWAY + "/api/v1/orders", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aForgedTokenIsRefused() throws Exception {
        // alice's real token with its signature replaced: the gateway must check the signature
        var parts = aliceToken.split("\\.");
        var forged = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("not-the-signature".getBytes(StandardCharsets.UTF_8));
        assertThat(get(GATEWAY + "/api/v1/orders", forged).statusCode()).isEqualTo(401);
    }

    /**
     * Each route, called with alice's token, reaches its service: the gateway's answer is 200 (or
     * 404), so never 401 (the token was accepted) nor 5xx (the service is up and routed to), and it
     * is exactly what the service answers when called directly with the same token. An endpoint that does not exist
     * yet answers 404 problem+json from its service, which still proves routing and authentication
     * (the gateway's own 404 for an unknown route would differ from the service's direct answer).
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/api/v1/products, 8082",
        "/api/v1/categories, 8082",
        "/api/v1/users/me, 8081",
        "/api/v1/orders, 8083",
        "/api/v1/payments/00000000-0000-4000-8000-000000000001, 8084",
        "/api/v1/notifications, 8085",
    })
    void eachRouteReachesItsServiceWithAlicesToken(String path, int servicePort) throws Exception {
        var viaGateway = get(GATEWAY + path, aliceToken);
        // a customer may read all six: anything but 200 (or 404 for the unknown payment) is a defect,
        // e.g. 409 from user-service when alice's Keycloak id changed under her profile
        assertThat(viaGateway.statusCode())
                .as("%s through the gateway: %s", path, viaGateway.body())
                .isIn(200, 404);
        var direct = get("http://localhost:" + servicePort + path, aliceToken);
        assertThat(viaGateway.statusCode())
                .as("%s: gateway vs the service itself", path)
                .isEqualTo(direct.statusCode());
        if (viaGateway.statusCode() >= 400) {
            assertThat(viaGateway.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void everyServiceRefusesAnonymousCallsToItsProtectedApi() throws Exception {
        for (var entry : Map.of(8081, "/api/v1/users/me", 8083, "/api/v1/orders", 8085, "/api/v1/notifications")
                .entrySet()) {
            assertThat(get("http://localhost:" + entry.getKey() + entry.getValue(), null)
                            .statusCode())
                    .as(entry.getValue())
                    .isEqualTo(401);
        }
    }

    @Test
    void theRealKafkaBrokerHasThePlatformTopicsWithTheirPartitions() throws Exception {
        var expected = List.of(
                "shop.orders",
                "shop.payments",
                "shop.stock",
                "shop.products",
                "shop.users",
                "shop.stock.commands",
                "shop.payment.commands");
        var withDeadLetters = new ArrayList<>(expected);
        expected.forEach(topic -> withDeadLetters.add(topic + ".dlt"));
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA,
                // generous: the broker shares two busy cores with the whole platform
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                30_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000))) {
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
            Map<String, TopicDescription> topics =
                    admin.describeTopics(withDeadLetters).allTopicNames().get();
            assertThat(topics.values().stream()
                            .collect(Collectors.toMap(
                                    TopicDescription::name, t -> t.partitions().size())))
                    .containsOnlyKeys(withDeadLetters)
                    .allSatisfy((name, partitions) ->
                            assertThat(partitions).as(name).isEqualTo(3));
        }
    }

    // ---------------------------------------------------------------- helpers

    static String passwordGrant(String user, String password) throws Exception {
        var response = post(
                KEYCLOAK + "/realms/shop/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "shop-web",
                        "username",
                        user,
                        "password",
                        password,
                        "scope",
                        "openid"));
        assertThat(response.statusCode())
                .as("token for %s: %s", user, response.body())
                .isEqualTo(200);
        return json.readTree(response.body()).path("access_token").asString();
    }

    static JsonNode claimsOf(String jwt) {
        var payload = jwt.split("\\.")[1];
        return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        var body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
