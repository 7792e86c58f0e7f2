package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #12: no management endpoint is public. Requests a stranger could send are matched
 * against the rendered Ingress rules with Kubernetes' path semantics (Exact; Prefix by path
 * element, so /realms/shop/ does not match /realms/shopping); every one that must stay inside
 * the cluster must match no rule (ingress-nginx answers 404), every one the shop needs must
 * reach the right Service.
 */
class PublicEndpointTest {

    /** The gateway's management endpoints: on its public port, so only the ingress can keep them in. */
    private static final List<String> GATEWAY_MANAGEMENT = List.of(
            "/actuator",
            "/actuator/",
            "/actuator/prometheus",
            "/actuator/health",
            "/actuator/env",
            "/actuator/heapdump",
            "/api/../actuator/prometheus");

    private static final List<String> API_DOCS = List.of(
            "/swagger-ui.html", "/swagger-ui/index.html", "/v3/api-docs/gateway", "/v3/api-docs/users", "/v3/api-docs");
    private static final List<String> KEYCLOAK_PRIVATE = List.of(
            "/admin",
            "/admin/",
            "/admin/master/console/",
            "/admin/realms/shop/users",
            "/realms/master/protocol/openid-connect/token",
            "/realms/master/",
            "/realms/shopping/",
            "/realms/",
            "/metrics",
            "/health/ready",
            "/");
    private static final List<String> SHOP_NEEDS =
            List.of("/api/v1/products", "/api/v1/orders/1", "/graphql", "/api/v1/notifications/stream");
    private static final List<String> KEYCLOAK_NEEDS = List.of(
            "/realms/shop/protocol/openid-connect/auth",
            "/realms/shop/protocol/openid-connect/token",
            "/realms/shop/protocol/openid-connect/certs",
            "/realms/shop/.well-known/openid-configuration",
            "/realms/shop/login-actions/authenticate",
            "/resources/abc12/login/keycloak.v2/css/styles.css");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void noIngressPathReachesAManagementEndpoint(String layer) {
        var routes = routes(Repo.manifests(layer));
        var gatewayHost = host(routes, "gateway");
        var keycloakHost = host(routes, "keycloak");
        for (var host : List.of(gatewayHost, keycloakHost)) {
            for (var path : GATEWAY_MANAGEMENT) {
                assertThat(route(routes, host, path))
                        .as("%s: %s%s is public", layer, host, path)
                        .isEmpty();
            }
            for (var path : KEYCLOAK_PRIVATE) {
                assertThat(route(routes, host, path))
                        .as("%s: %s%s is public", layer, host, path)
                        .isEmpty();
            }
        }
        for (var path : SHOP_NEEDS) {
            assertThat(route(routes, gatewayHost, path))
                    .as("%s: %s%s", layer, gatewayHost, path)
                    .contains("gateway");
        }
        for (var path : KEYCLOAK_NEEDS) {
            assertThat(route(routes, keycloakHost, path))
                    .as("%s: %s%s", layer, keycloakHost, path)
                    .contains("keycloak");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void prodRoutesNoApiDocumentationAndDevDoes(String layer) {
        var routes = routes(Repo.manifests(layer));
        var gatewayHost = host(routes, "gateway");
        for (var path : API_DOCS) {
            var routed = route(routes, gatewayHost, path);
            if (layer.equals("overlays/dev")) {
                if (!path.equals("/v3/api-docs")) {
                    assertThat(routed).as("%s: %s", layer, path).contains("gateway");
                }
            } else {
                assertThat(routed)
                        .as("%s: %s%s is public", layer, gatewayHost, path)
                        .isEmpty();
            }
        }
    }

    /**
     * Nothing can widen the allow-list from inside an Ingress: no snippets (raw nginx), no
     * annotation ingress-nginx does not have (use-forwarded-headers is a controller ConfigMap key).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void ingressesUseOnlyRealAnnotationsAndNoSnippets(String layer) {
        for (var ingress : Manifest.ofKind(Repo.manifests(layer), "Ingress")) {
            var annotations =
                    Manifest.strings(Yaml.at(ingress, "metadata.annotations")).keySet();
            assertThat(annotations)
                    .as(Manifest.id(ingress))
                    .doesNotContain("nginx.ingress.kubernetes.io/use-forwarded-headers")
                    .noneMatch(a -> a.endsWith("-snippet"));
        }
    }

    record Route(String host, String path, String type, String service) {}

    static List<Route> routes(List<Map<String, Object>> docs) {
        var routes = new ArrayList<Route>();
        for (var doc : Manifest.ofKind(docs, "Ingress")) {
            var ingress = StrictModel.parse(doc, Ingress.class);
            assertThat(ingress.getSpec().getDefaultBackend())
                    .as("%s: a default backend makes every path public", Manifest.id(doc))
                    .isNull();
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertThat(path.getPathType())
                            .as("ImplementationSpecific is regex-like in ingress-nginx")
                            .isIn("Exact", "Prefix");
                    routes.add(new Route(
                            rule.getHost(),
                            path.getPath(),
                            path.getPathType(),
                            path.getBackend().getService().getName()));
                }
            }
        }
        return routes;
    }

    static String host(List<Route> routes, String service) {
        return routes.stream()
                .filter(r -> r.service().equals(service))
                .map(Route::host)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Ingress rule for " + service));
    }

    /** The Service a request reaches, by Kubernetes' rules: the longest matching path wins, Exact before Prefix. */
    static Optional<String> route(List<Route> routes, String host, String rawPath) {
        var path = normalize(rawPath);
        Route best = null;
        for (var route : routes) {
            if (!route.host().equals(host)) {
                continue;
            }
            boolean matches =
                    route.type().equals("Exact") ? route.path().equals(path) : prefixMatches(route.path(), path);
            if (matches
                    && (best == null
                            || route.path().length() > best.path().length()
                            || route.path().length() == best.path().length()
                                    && route.type().equals("Exact"))) {
                best = route;
            }
        }
        return Optional.ofNullable(best).map(Route::service);
    }

    /** Prefix matching is element-wise on '/'-separated parts; a trailing '/' in the rule is ignored. */
    static boolean prefixMatches(String rule, String path) {
        var prefix = rule.endsWith("/") && rule.length() > 1 ? rule.substring(0, rule.length() - 1) : rule;
        if (prefix.equals("/")) {
            return true;
        }
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** What nginx matches on: dot segments resolved (a client cannot climb out of /api/ with /api/../). */
    static String normalize(String path) {
        var out = new ArrayList<String>();
        for (var part : path.split("/", -1)) {
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
            } else if (!part.equals(".") && !part.isEmpty()) {
                out.add(part);
            }
        }
        return "/" + String.join("/", out) + (path.endsWith("/") && !out.isEmpty() ? "/" : "");
    }
}
