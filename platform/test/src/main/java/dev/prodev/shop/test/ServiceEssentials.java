package dev.prodev.shop.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * What every running service must offer an operator, as tests a service's integration test
 * inherits by implementing this interface: probes that report UP, Prometheus metrics tagged with
 * the application name, and problem+json (never a stack trace) for a request without a token.
 */
public interface ServiceEssentials {

    HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(int port, String path, String authorization)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", authorization)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    default void acceptsAValidTokenAndRejectsExpiredForeignAndForgedOnes(@Value("${local.server.port}") int port)
            throws Exception {
        var path = "/api/v1/no-such-resource";
        assertThat(get(port, path, TestTokens.bearer("alice", "customer")).statusCode())
                .as("valid token passes authentication and reaches routing")
                .isEqualTo(404);
        assertThat(get(port, path, TestTokens.expired("alice", "customer")).statusCode())
                .as("expired")
                .isEqualTo(401);
        assertThat(get(port, path, TestTokens.wrongAudience("alice", "customer"))
                        .statusCode())
                .as("audience")
                .isEqualTo(401);
        assertThat(get(port, path, TestTokens.wronglySigned("alice", "customer"))
                        .statusCode())
                .as("signature")
                .isEqualTo(401);
    }

    @Test
    default void reportsUpOnLivenessAndReadinessProbes(@Value("${local.server.port}") int port) throws Exception {
        for (var probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            var response = get(port, probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
        }
    }

    @Test
    default void exposesPrometheusMetricsTaggedWithTheApplicationName(
            @Value("${local.server.port}") int port, @Value("${spring.application.name}") String application)
            throws Exception {
        get(port, "/actuator/health"); // at least one observed request
        var response = get(port, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"" + application + "\"");
    }

    @Test
    default void refusesAnApiCallWithoutATokenAsProblemJson(@Value("${local.server.port}") int port) throws Exception {
        var response = get(port, "/api/v1/no-such-resource");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\":401")
                .doesNotContain("Exception")
                .doesNotContain("at ");
    }
}
