package dev.prodev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The platform started by deploy/local/up answers at its front door. */
class GatewayReadinessIT {

    static final String GATEWAY = System.getProperty("shop.gateway.url", "http://localhost:8080");

    @Test
    void gatewayIsReadyAndRefusesAnonymousOrders() throws Exception {
        var http = HttpClient.newHttpClient();
        var ready = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        var orders = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/orders")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(orders.statusCode()).isEqualTo(401);
    }
}
