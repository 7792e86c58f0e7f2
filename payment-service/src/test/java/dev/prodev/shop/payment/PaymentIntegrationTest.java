package dev.prodev.shop.payment;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.test.ShopIntegrationTest;
import dev.prodev.shop.test.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application context for every payment IT (same annotations and properties everywhere, so it
 * is cached): payment-service on real PostgreSQL and Kafka, the simulator as active provider (allowed
 * by the {@code test} profile only), and the Chapa adapter pointed at a WireMock "Chapa" for webhook verification.
 */
@ShopIntegrationTest(
        properties = {
            "management.tracing.export.zipkin.enabled=false",
            "shop.payment.provider=simulator",
            // longer than the 3 s time limiter: amounts ending in .99 must time out
            "shop.payment.simulator.slow-delay=20s",
            // tests fail provider calls on purpose; keep the breaker out of the other tests' way
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=1000",
            "shop.payment.chapa.secret-key=CHASECK_TEST-integration",
            "shop.payment.chapa.webhook-secret=" + PaymentIntegrationTest.WEBHOOK_SECRET,
            // reconciliation runs when a test calls it, not on its own schedule in the middle of another test
            "shop.payment.reconciliation.initial-delay=1d",
            "shop.payment.reconciliation.batch=1000"
        })
@AutoConfigureTracing
@ActiveProfiles("test")
public abstract class PaymentIntegrationTest {

    protected static final String WEBHOOK_SECRET = "it-chapa-webhook-secret";
    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    protected static final WireMockServer chapaApi =
            new WireMockServer(wireMockConfig().dynamicPort());

    static {
        chapaApi.start();
    }

    @DynamicPropertySource
    static void chapaBaseUrl(DynamicPropertyRegistry registry) {
        registry.add("shop.payment.chapa.base-url", chapaApi::baseUrl);
    }

    @AfterAll
    static void resetChapa() {
        chapaApi.resetAll();
    }

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected KafkaConnectionDetails kafka;

    @LocalServerPort
    protected int port;

    protected String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }

    /** Publishes a command as order-service does: a binary-mode CloudEvent on shop.payment.commands, key orderId. */
    protected void sendCommand(UUID eventId, String type, UUID orderId, Object data) throws Exception {
        sendRaw(Topics.PAYMENT_COMMANDS, eventId, type, orderId.toString(), JSON.writeValueAsBytes(data));
    }

    protected void sendRaw(String topic, UUID eventId, String type, String key, byte[] json) throws Exception {
        var record = CloudEventRecords.create(topic, key, eventId, type, "order-service", Instant.now(), json);
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    /** Waits for the event of {@code type} about {@code orderId} on shop.payments, checked against its JSON Schema. */
    protected JsonNode awaitPaymentEvent(UUID orderId, String type) {
        return JSON.readTree(awaitPaymentRecord(orderId, type).value());
    }

    /** The record of {@link #awaitPaymentEvent}, headers included. */
    protected ConsumerRecord<String, byte[]> awaitPaymentRecord(UUID orderId, String type) {
        var record = TopicReader.await(bootstrapServers(), Topics.PAYMENTS, 1, matching(orderId, type), WAIT)
                .getFirst();
        var errors = EventSchemas.validate(type, record.value());
        if (!errors.isEmpty()) {
            throw new AssertionError(type + " breaks its schema: " + errors);
        }
        return record;
    }

    /** Every event of {@code type} about {@code orderId} seen on shop.payments during {@code window}. */
    protected List<ConsumerRecord<String, byte[]>> paymentEvents(UUID orderId, String type, Duration window) {
        return TopicReader.collect(bootstrapServers(), Topics.PAYMENTS, matching(orderId, type), window);
    }

    protected static java.util.function.Predicate<ConsumerRecord<String, byte[]>> matching(UUID orderId, String type) {
        return record -> orderId.toString().equals(record.key()) && type.equals(header(record, "ce_type"));
    }

    protected static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    protected String paymentStatus(UUID orderId) {
        return jdbc.queryForList("select status from payment where order_id = ?", String.class, orderId).stream()
                .findFirst()
                .orElse(null);
    }

    protected HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String authorization, String body, String... headers)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
