package dev.prodev.shop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.test.ShopIntegrationTest;
import dev.prodev.shop.test.TestTokens;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What every order-service integration test shares: one Spring context (same annotations
 * everywhere, so the context cache hits), real HTTP with real tokens, and the saga's other
 * participants played by {@link SagaParticipants}.
 */
public abstract class OrderIntegrationTest {

    /** The one configuration of every *IT in this module. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ShopIntegrationTest
    @AutoConfigureTracing
    public @interface OrderServiceIntegrationTest {}

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String ALICE = TestTokens.bearer("alice", "customer");
    static final String BOB = TestTokens.bearer("bob", "customer");
    static final String ADMIN = TestTokens.bearer("admin", "admin", "customer");

    static SagaParticipants participants;

    @Value("${local.server.port}")
    int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /**
     * Boot 4 builds the trace propagators only when tracing export is on, and
     * {@code @ShopIntegrationTest} turns it off; a dynamic property outranks that, and the Zipkin
     * reporter stays off (config/application.yml), so traces propagate over HTTP and Kafka
     * without being shipped anywhere.
     */
    @DynamicPropertySource
    static void propagateTraces(DynamicPropertyRegistry registry) {
        registry.add("management.tracing.export.enabled", () -> "true");
    }

    @BeforeAll
    static void startParticipants(@Autowired KafkaConnectionDetails kafka) {
        participants = new SagaParticipants(String.join(",", kafka.getBootstrapServers()));
    }

    @AfterAll
    static void stopParticipants() {
        participants.close();
    }

    /** A product the catalog announced, once order-service's price list has it. */
    UUID product(String price) {
        return product(price, "EUR", ProductChanged.CREATED, "ACTIVE");
    }

    UUID product(String price, String currency, String type, String status) {
        var id = UUID.randomUUID();
        announce(id, price, currency, type, status);
        return id;
    }

    void announce(UUID id, String price, String currency, String type, String status) {
        participants.product(id, type, price, currency, status);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from product_price where product_id = ? and status = ? and price_amount = ?::numeric",
                                Integer.class,
                                id,
                                status,
                                price)
                        == 1);
    }

    static String lines(Object... productAndQuantity) {
        var lines = new StringBuilder();
        for (int i = 0; i < productAndQuantity.length; i += 2) {
            lines.append(i == 0 ? "" : ",")
                    .append("{\"productId\":\"")
                    .append(productAndQuantity[i])
                    .append("\",\"quantity\":")
                    .append(productAndQuantity[i + 1])
                    .append('}');
        }
        return "{\"lines\":[" + lines + "]}";
    }

    HttpResponse<String> post(String path, String token, String idempotencyKey, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Places an order as alice and returns its id (asserting 201). */
    UUID place(String token, String body) throws IOException, InterruptedException {
        var response = post("/api/v1/orders", token, UUID.randomUUID().toString(), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(json(response).get("id").asString());
    }

    /** Waits until the order (read over REST, as its owner sees it) is in {@code status}. */
    JsonNode awaitStatus(String token, UUID orderId, String status) {
        var last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = json(get("/api/v1/orders/" + orderId, token));
                    return status.equals(last[0].get("status").asString());
                });
        return last[0];
    }

    static String timeline(JsonNode order) {
        var entries = new StringBuilder();
        for (var entry : order.get("timeline")) {
            entries.append(entries.isEmpty() ? "" : ",").append(entry.get("to").asString());
        }
        return entries.toString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return SagaParticipants.JSON.readTree(response.body());
    }

    static String joined(String... parts) {
        return Arrays.stream(parts).collect(Collectors.joining(","));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
