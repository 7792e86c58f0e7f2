package dev.prodev.shop.messaging.it;

import dev.prodev.shop.messaging.CloudEventPublisher;
import dev.prodev.shop.messaging.Outbox;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One application context for every messaging IT (same annotations everywhere, so it is
 * cached): the test service on real PostgreSQL and Kafka, with tracing on so trace propagation
 * through the outbox can be asserted.
 */
@ShopIntegrationTest
// Boot 4 creates the W3C propagator only when tracing export is on (which @ShopIntegrationTest turns off):
// turn it on, but send nothing to Zipkin. A direct @TestPropertySource wins over the meta-annotation's.
@TestPropertySource(
        properties = {"management.tracing.export.enabled=true", "management.tracing.export.zipkin.enabled=false"})
@AutoConfigureTracing
abstract class MessagingIntegrationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CloudEventPublisher publisher;

    @Autowired
    ReservationListener listener;

    @Autowired
    KafkaConnectionDetails kafka;

    @LocalServerPort
    int port;

    String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }

    void appendCommitted(String topic, String key, String type, Object data) {
        transactions.executeWithoutResult(status -> outbox.append(topic, key, type, data));
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    HttpResponse<String> http(String method, String path, String authorization)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of a Prometheus sample as the scrape endpoint shows it. */
    double metric(String name) throws IOException, InterruptedException {
        var body = http("GET", "/actuator/prometheus", null).body();
        return body.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("metric " + name + " not in /actuator/prometheus"));
    }
}
