package dev.prodev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.system.support.Platform;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SRE's Prometheus as {@code deploy/local/up} starts it (Debian package, config from
 * deploy/observability): every service is scraped, the alert rules are loaded, and the metrics
 * the dashboards and alerts are built on arrive. {@code .ci/run} starts the platform with
 * {@code SHOP_LOCAL_PROMETHEUS=on}; without Prometheus this test fails and says how to start it.
 */
class PrometheusIT {

    static final String PROMETHEUS = System.getProperty("shop.prometheus.url", "http://localhost:9090");

    @Test
    void everyServiceIsScrapedAndTheAlertRulesAreLoaded() {
        var ready = reach("/-/ready");
        assertThat(ready.statusCode()).as("Prometheus is ready").isEqualTo(200);

        var jobs = new String[] {
            "gateway",
            "user-service",
            "catalog-service",
            "order-service",
            "payment-service",
            "notification-service",
            "zipkin",
            "prometheus"
        };
        // the first scrape of each target happens within one scrape interval (15 s) of its start
        var health = await("every scrape target up")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(3))
                .until(
                        PrometheusIT::targetHealth,
                        found -> found.size() == jobs.length
                                && found.values().stream().allMatch("up"::equals));
        assertThat(health).containsOnlyKeys(jobs);

        var rules = Platform.json(reach("/api/v1/rules"));
        var alerts = new ArrayList<String>();
        var recordings = new ArrayList<String>();
        for (JsonNode group : rules.path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("health").asString())
                        .as("rule %s", rule.path("name"))
                        .isIn("ok", "unknown");
                ("alerting".equals(rule.path("type").asString()) ? alerts : recordings)
                        .add(rule.path("name").asString());
            }
        }
        assertThat(alerts)
                .contains(
                        "CheckoutErrorBudgetBurnFast",
                        "OutboxStuck",
                        "DeadLetters",
                        "ConsumerLagHigh",
                        "CircuitBreakerOpen",
                        "ServiceDown");
        assertThat(recordings).isNotEmpty();
    }

    @Test
    void theMetricsBehindTheDashboardsArrive() {
        // JVM and HTTP metrics of every service, and the gateway's per-route metrics
        await("http_server_requests from every service")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(values("count by (job) (http_server_requests_seconds_count)")
                                .keySet())
                        .contains(
                                "user-service",
                                "catalog-service",
                                "order-service",
                                "payment-service",
                                "notification-service"));
        assertThat(values("count by (job) (shop_outbox_pending)").keySet())
                .contains("user-service", "catalog-service", "order-service", "payment-service");
        assertThat(values("count by (job) (shop_dead_letters)")).isNotEmpty();
    }

    /** job -> health of its target. */
    static TreeMap<String, String> targetHealth() {
        var targets = Platform.json(reach("/api/v1/targets?state=active"));
        var health = new TreeMap<String, String>();
        for (JsonNode target : targets.path("data").path("activeTargets")) {
            health.put(
                    target.path("labels").path("job").asString(),
                    target.path("health").asString());
        }
        return health;
    }

    /** An instant query: value per job. */
    static TreeMap<String, String> values(String query) {
        var result = Platform.json(reach("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
        var values = new TreeMap<String, String>();
        for (JsonNode series : result.path("data").path("result")) {
            values.put(
                    series.path("metric").path("job").asString(),
                    series.path("value").path(1).asString());
        }
        return values;
    }

    static java.net.http.HttpResponse<String> reach(String path) {
        try {
            return Platform.getAbsolute(PROMETHEUS + path);
        } catch (AssertionError ex) {
            throw new AssertionError(
                    "Prometheus does not answer at " + PROMETHEUS + ": start the platform with it, "
                            + "SHOP_LOCAL_PROMETHEUS=on deploy/local/up (Debian package prometheus)",
                    ex);
        }
    }
}
