package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.prodev.shop.test.ShopIntegrationTest;
import dev.prodev.shop.test.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway context for every gateway IT (same annotations and properties, so Spring's context
 * cache shares it): real Redis, real signed tokens, and the five services simulated by WireMock
 * servers on random ports. 127.0.0.1 is the one trusted proxy, so a test can present any client
 * IP through {@code X-Forwarded-For}; a peer on 127.0.0.2 is an untrusted client.
 */
@ShopIntegrationTest(
        properties = {
            "shop.gateway.trusted-proxies=127.0.0.1/32",
            "shop.gateway.max-request-size=64KB",
            "shop.gateway.cors.allowed-origins=https://shop.example",
            "shop.gateway.rate-limit.roles.limited-test.replenish-rate=1",
            "shop.gateway.rate-limit.roles.limited-test.burst-capacity=3",
            "shop.gateway.auth-failures.threshold=5",
            "shop.gateway.resilience.timeout=2s",
            "shop.gateway.resilience.minimum-number-of-calls=4",
            "shop.gateway.resilience.sliding-window-size=4",
            "shop.gateway.resilience.wait-in-open-state=1s",
            "shop.gateway.resilience.max-concurrent-calls=40",
            "management.tracing.export.zipkin.enabled=false",
            // this shared 2-core machine can be slower than production's 1 s budget; fail-open has its own unit test
            "spring.data.redis.timeout=5s",
            "spring.data.redis.connect-timeout=5s"
        })
@AutoConfigureTracing
abstract class GatewayIntegrationTest {

    static final Map<String, WireMockServer> SERVICES = new LinkedHashMap<>();

    static {
        for (var service : new String[] {"user", "catalog", "order", "payment", "notification"}) {
            // enough request threads that WireMock itself never queues the gateway's concurrent calls
            var server = new WireMockServer(options().dynamicPort().containerThreads(150));
            server.start();
            SERVICES.put(service, server);
        }
    }

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        // @ShopIntegrationTest turns tracing export off, and with it trace propagation; this test
        // asserts propagation, so it is turned back on (dynamic properties win), Zipkin stays off
        registry.add("management.tracing.export.enabled", () -> "true");
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens::jwksUri);
        SERVICES.forEach((service, server) ->
                registry.add(service.toUpperCase() + "_SERVICE_URL", () -> "http://127.0.0.1:" + server.port()));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.data.redis.core.StringRedisTemplate redisForCleanup;

    /** Failed-authentication tests must not leave the test client itself blocked (Redis outlives the JVM). */
    @BeforeEach
    void localClientStartsUnblocked() {
        redisForCleanup.delete(java.util.List.of(
                "shop:gateway:auth-block:127.0.0.1",
                "shop:gateway:auth-failures:127.0.0.1",
                "shop:gateway:blocked:127.0.0.1"));
    }

    @BeforeEach
    void everyServiceAnswers() {
        SERVICES.values().forEach(server -> {
            if (server.isRunning()) {
                server.resetAll();
                server.stubFor(any(anyUrl()).willReturn(okJson("{\"from\":\"service\"}")));
            }
        });
    }

    static WireMockServer service(String name) {
        return SERVICES.get(name);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request from another client IP, presented through the trusted proxy 127.0.0.1. */
    HttpResponse<String> getAs(String clientIp, String path, String authorization)
            throws IOException, InterruptedException {
        var builder = request(path).header("X-Forwarded-For", clientIp).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    /** A fresh address from TEST-NET-3 (RFC 5737), so tests never share a bucket or a block. */
    static String someClientIp() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "203.0." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        var builder = request(path).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    /**
     * A raw HTTP/1.1 GET from {@code localAddress} (e.g. 127.0.0.2, which is not a trusted proxy):
     * the JDK client cannot choose its source address. Returns the status code and the raw response.
     */
    Map.Entry<Integer, String> rawGetFrom(String localAddress, String path, Map<String, String> headers)
            throws IOException {
        var request =
                new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        return raw(localAddress, request.toString());
    }

    /** Writes {@code request} verbatim (all of it before reading) and returns status and raw response. */
    Map.Entry<Integer, String> raw(String localAddress, String request) throws IOException {
        return raw(localAddress, request, StandardCharsets.US_ASCII);
    }

    /** As {@link #raw(String, String)}, with the request's characters written as bytes of {@code charset}. */
    Map.Entry<Integer, String> raw(String localAddress, String request, java.nio.charset.Charset charset)
            throws IOException {
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(charset));
            out.flush();
            InputStream in = socket.getInputStream();
            var response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var status = Integer.parseInt(response.substring(9, 12));
            return Map.entry(status, response);
        }
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
