package dev.prodev.shop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's actuator endpoints beyond the health probes exist only for callers inside
 * {@code shop.gateway.management.trusted-networks} (loopback by default); from anywhere else they
 * are a 404 like any unknown path, token or not. The test context trusts 127.0.0.1 as a proxy, so a
 * request through it with {@code X-Forwarded-For} comes from that address.
 */
class ManagementExposureIT extends GatewayIntegrationTest {

    static final String SRE = TestTokens.bearer("sre", "sre");

    static final List<String> MANAGEMENT = List.of(
            "/actuator",
            "/actuator/prometheus",
            "/actuator/metrics",
            "/actuator/metrics/jvm.memory.used",
            "/actuator/gateway/routes",
            "/actuator/info",
            "/actuator/env",
            "/actuator/health/redis",
            "/%61ctuator/prometheus",
            "/actuator/prometheus/");

    @Autowired
    RouteLocator routes;

    @Test
    void fromOutsideEveryManagementEndpointButTheProbesIsNotFound() throws Exception {
        var wrong = new ArrayList<String>();
        for (var path : MANAGEMENT) {
            for (var token : new String[] {null, SRE}) {
                var response = getAs(someClientIp(), path, token);
                if (response.statusCode() != 404 || !contentType(response).startsWith("application/problem+json")) {
                    wrong.add(path + (token == null ? "" : " as sre") + ": " + response.statusCode() + " "
                            + response.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
        for (var probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            assertThat(getAs(someClientIp(), probe, null).statusCode())
                    .as(probe)
                    .isEqualTo(200);
        }
    }

    @Test
    void theLocalPrometheusScrapeStillWorksWithoutAToken() throws Exception {
        var scrape = get("/actuator/prometheus", null); // what deploy/observability/prometheus.yml does
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        assertThat(rawGetFrom("127.0.0.2", "/actuator/prometheus", Map.of()).getKey())
                .as("all of 127.0.0.0/8 is loopback")
                .isEqualTo(200);
        // the other endpoints still want an operator's token, even from inside
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", SRE).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestRelayedByAnUntrustedProxyIsNeverInternal() throws Exception {
        // 127.0.0.2 is inside the management networks but no trusted proxy: its X-Forwarded-For says it relays
        var relayed = rawGetFrom("127.0.0.2", "/actuator/prometheus", Map.of("X-Forwarded-For", "127.0.0.1"));
        assertThat(relayed.getKey()).isEqualTo(404);
        assertThat(relayed.getValue()).containsIgnoringCase("content-type: application/problem+json");
    }

    @Test
    void managementNetworksCompareAddressesNotSpellings() throws Exception {
        assertThat(getAs("0:0:0:0:0:0:0:1", "/actuator/prometheus", null).statusCode())
                .as("::1 spelled out")
                .isEqualTo(200);
        assertThat(getAs("::ffff:127.0.0.1", "/actuator/prometheus", null).statusCode())
                .as("IPv4-mapped loopback")
                .isEqualTo(200);
        assertThat(getAs("2001:db8::1", "/actuator/prometheus", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void noRouteForwardsActuatorPathsToAService() throws Exception {
        var matching = Flux.from(routes.getRoutes())
                .concatMap(route -> Flux.fromIterable(MANAGEMENT)
                        .filter(path -> !path.contains("%"))
                        .concatMap(path -> Mono.from(route.getPredicate()
                                        .apply(MockServerWebExchange.from(
                                                MockServerHttpRequest.get(path).build())))
                                .filter(Boolean::booleanValue)
                                .map(matched -> route.getId() + " matches " + path)))
                .collectList()
                .block();
        assertThat(matching).isEmpty();

        getAs(someClientIp(), "/actuator/env", SRE);
        get("/actuator/env", SRE);
        SERVICES.values()
                .forEach(server -> assertThat(server.getAllServeEvents()).isEmpty());
    }
}
