package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #12: client addresses. ingress-nginx decides which X-Forwarded-For it believes through
 * its controller ConfigMap (deploy/k8s/ingress-nginx/values-*.yaml, Helm controller.config),
 * not through an Ingress annotation; the gateway then believes only the controller pods, a
 * CIDR each overlay names explicitly.
 */
class TrustedProxiesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyOverlayNamesTheProxiesTheGatewayTrustsAndNothingWide(String layer) {
        var overlay = Yaml.text(Repo.K8S.resolve(layer).resolve("kustomization.yaml"));
        assertThat(overlay).as("%s sets TRUSTED_PROXIES itself", layer).contains("path: /data/TRUSTED_PROXIES");
        var proxies =
                EnvironmentTest.environment(Repo.manifests(layer), "gateway").get("TRUSTED_PROXIES");
        assertThat(proxies).as(layer).isNotBlank();
        assertNarrowCidrs("TRUSTED_PROXIES", proxies);
    }

    @Test
    void theBaseLeavesTrustedProxiesToTheOverlays() {
        assertThat(EnvironmentTest.environment(Repo.manifests("base"), "gateway"))
                .doesNotContainKey("TRUSTED_PROXIES");
    }

    /** prod: a load balancer in front, so the controller believes X-Forwarded-For, from the LB only. */
    @Test
    void prodIngressNginxBelievesForwardedHeadersOnlyFromTheLoadBalancer() {
        var config = controllerConfig("values-prod.yaml");
        var proxyProtocol = "true".equals(config.get("use-proxy-protocol"));
        var forwarded = "true".equals(config.get("use-forwarded-headers"));
        assertThat(proxyProtocol || forwarded)
                .as("the client address survives the cloud load balancer")
                .isTrue();
        var realIpCidr = config.get("proxy-real-ip-cidr");
        assertThat(realIpCidr)
                .as("without proxy-real-ip-cidr ingress-nginx believes anyone (0.0.0.0/0)")
                .isNotBlank();
        assertNarrowCidrs("proxy-real-ip-cidr", realIpCidr);
        assertThat(config)
                .containsEntry("compute-full-forwarded-for", "false")
                .containsEntry("allow-snippet-annotations", "false");
        assertThat(Yaml.<String>at(
                        Yaml.readOne(Repo.K8S.resolve("ingress-nginx/values-prod.yaml")),
                        "controller.service.externalTrafficPolicy"))
                .isEqualTo("Local");
    }

    /** dev: clients connect to the controller directly, so no header a client sends is believed. */
    @Test
    void devIngressNginxBelievesNoForwardedHeader() {
        var config = controllerConfig("values-dev.yaml");
        assertThat(config)
                .containsEntry("use-forwarded-headers", "false")
                .containsEntry("allow-snippet-annotations", "false");
        assertThat(config).doesNotContainEntry("use-proxy-protocol", "true");
    }

    private static Map<String, String> controllerConfig(String file) {
        return Manifest.strings(
                Yaml.at(Yaml.readOne(Repo.K8S.resolve("ingress-nginx").resolve(file)), "controller.config"));
    }

    /** Comma-separated IPv4/IPv6 CIDRs, none of them "everyone" or a whole private range like 10.0.0.0/8. */
    static void assertNarrowCidrs(String what, String value) {
        for (var cidr : value.split(",")) {
            var trimmed = cidr.trim();
            assertThat(trimmed).as("%s entry", what).matches("[0-9a-fA-F:.]+/\\d{1,3}");
            int bits = Integer.parseInt(trimmed.substring(trimmed.indexOf('/') + 1));
            boolean v6 = trimmed.contains(":");
            assertThat(bits).as("%s %s is too wide", what, trimmed).isGreaterThanOrEqualTo(v6 ? 48 : 12);
        }
    }
}
