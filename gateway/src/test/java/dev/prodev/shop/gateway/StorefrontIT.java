package dev.prodev.shop.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.TestTokens;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The storefront (module storefront, ADR 0028) is served by the gateway at {@code /} to anyone; only
 * its page and its bundles are anonymous. The status page reads each service's health and metrics
 * through {@code /actuator/services/<service>/...}, which only operators reach.
 */
class StorefrontIT extends GatewayIntegrationTest {

    static final String SRE = TestTokens.bearer("sre", "sre");

    @Test
    void anyoneGetsTheStorefrontPageAndItsScript() throws Exception {
        var page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(contentType(page)).startsWith("text/html");
        assertThat(page.body()).contains("<div id=\"app\"></div>");
        assertThat(get("/index.html", null).statusCode()).isEqualTo(200);

        var script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.body());
        assertThat(script.find()).as("a bundle in %s", page.body()).isTrue();
        var bundle = get(script.group(1), null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(contentType(bundle)).contains("javascript");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void nothingElseBesideThePageIsAnonymous() throws Exception {
        for (var path : new String[] {"/other.html", "/static/index.html", "/favicon.ico"}) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(contentType(response)).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void operatorsReadEachServicesHealthThroughTheGatewayOthersDoNot() throws Exception {
        assertThat(get("/actuator/services/order-service/health", null).statusCode())
                .isEqualTo(401);
        assertThat(get("/actuator/services/order-service/health", TestTokens.bearer("alice", "customer"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(getAs(someClientIp(), "/actuator/services/order-service/health", SRE)
                        .statusCode())
                .as("from outside the management networks")
                .isEqualTo(404);

        var health = get("/actuator/services/order-service/health", SRE);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("from");
        service("order").verify(getRequestedFor(urlEqualTo("/actuator/health")));
        assertThat(get("/actuator/services/payment-service/prometheus", SRE).statusCode())
                .isEqualTo(200);
        service("payment").verify(getRequestedFor(urlEqualTo("/actuator/prometheus")));
        // only health and prometheus are passed on
        assertThat(get("/actuator/services/order-service/env", SRE).statusCode())
                .isEqualTo(404);
        service("order").verify(0, getRequestedFor(urlEqualTo("/actuator/env")));
    }
}
