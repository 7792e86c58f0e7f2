package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keycloak imports the realm of deploy/keycloak, and the issuer the services trust is the one it signs with. */
class KeycloakTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void keycloakImportsTheRealmFileWithEverySecretItNeeds(String layer) {
        var docs = Repo.manifests(layer);
        var realmMap = Manifest.get(docs, "ConfigMap", "keycloak-realm");
        var realmJson = (String) Yaml.map(realmMap.get("data")).get("realm-shop.json");
        assertThat(realmJson)
                .as("the generator reads deploy/keycloak/%s", realmFile(layer))
                .isEqualTo(Repo.read(Repo.ROOT.resolve("deploy/keycloak").resolve(realmFile(layer))));
        assertThat(realmJson).contains("\"realm\"").containsPattern("\"realm\"\\s*:\\s*\"shop\"");

        var deployment = ServiceDeploymentTest.deployment(docs, "keycloak");
        var pod = deployment.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().getFirst();
        assertThat(container.getArgs()).contains("--import-realm");
        var mount = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/opt/keycloak/data/import"))
                .findFirst()
                .orElseThrow();
        assertThat(pod.getVolumes())
                .anyMatch(v -> v.getName().equals(mount.getName())
                        && v.getConfigMap() != null
                        && v.getConfigMap().getName().equals("keycloak-realm"));

        var env = container.getEnv().stream().map(e -> e.getName()).toList();
        var placeholder =
                Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?}").matcher(realmJson);
        while (placeholder.find()) {
            assertThat(env)
                    .as("the realm reads ${%s} at import", placeholder.group(1))
                    .contains(placeholder.group(1));
        }
    }

    /** Prod imports the prod realm (no users, no password grant); the base and dev the dev realm with its demo users. */
    static String realmFile(String layer) {
        return layer.equals("overlays/prod") ? "realm-shop-prod.json" : "realm-shop.json";
    }

    /**
     * Tokens carry iss = KC_HOSTNAME + /realms/shop; every service validates against
     * KEYCLOAK_ISSUER_URI and fetches keys from the in-cluster JWK set URI; browsers reach
     * KC_HOSTNAME through the Keycloak Ingress.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void theIssuerServicesTrustIsTheOneKeycloakSignsWithAndIsReachable(String layer) {
        var docs = Repo.manifests(layer);
        var keycloak = ServiceDeploymentTest.deployment(docs, "keycloak")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        var kcEnv = keycloak.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        var hostname = URI.create(kcEnv.get("KC_HOSTNAME"));
        var kcService = StrictModel.parse(Manifest.get(docs, "Service", "keycloak"), Service.class);
        int httpPort = Integer.parseInt(kcEnv.get("KC_HTTP_PORT"));
        assertThat(kcService.getSpec().getPorts()).anyMatch(p -> p.getPort() == httpPort);

        for (var service : Repo.services()) {
            var env = EnvironmentTest.environment(docs, service.name());
            assertThat(env.get("KEYCLOAK_ISSUER_URI")).as(service.name()).isEqualTo(hostname + "/realms/shop");
            var jwks = URI.create(env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI"));
            assertThat(jwks.getHost()).isEqualTo("keycloak");
            assertThat(jwks.getPort()).isEqualTo(httpPort);
            assertThat(jwks.getPath()).isEqualTo("/realms/shop/protocol/openid-connect/certs");
        }

        var ingress = StrictModel.parse(Manifest.get(docs, "Ingress", "keycloak"), Ingress.class);
        var rule = ingress.getSpec().getRules().getFirst();
        assertThat(rule.getHost()).isEqualTo(hostname.getHost());
        assertThat(rule.getHttp().getPaths())
                .anyMatch(p -> p.getPath().equals("/realms/shop/")
                        && p.getBackend().getService().getName().equals("keycloak"));
        var tls = ingress.getSpec().getTls() != null
                && !ingress.getSpec().getTls().isEmpty();
        assertThat(tls)
                .as("https issuer <=> TLS on the ingress")
                .isEqualTo(hostname.getScheme().equals("https"));
    }

    /** A client secret the realm imports and the service that uses the client must come from the same secret key. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void servicesUseTheClientSecretsKeycloakImports(String layer) {
        var docs = Repo.manifests(layer);
        var keycloak = EnvironmentTest.environment(docs, "keycloak");
        for (var service : Repo.services()) {
            var env = EnvironmentTest.environment(docs, service.name());
            for (var variable : List.of(
                    "KEYCLOAK_ADMIN_CLIENT_SECRET", "SHOP_GATEWAY_CLIENT_SECRET", "SHOP_MACHINE_CLIENT_SECRET")) {
                if (service.placeholders().containsKey(variable)) {
                    assertThat(env.get(variable))
                            .as("%s %s", service.name(), variable)
                            .isNotNull()
                            .isEqualTo(keycloak.get(variable));
                }
            }
            if (service.placeholders().containsKey("KEYCLOAK_URL")) {
                var url = URI.create(env.get("KEYCLOAK_URL"));
                assertThat(url.getHost()).isEqualTo("keycloak");
                assertThat(url.getPort()).isEqualTo(Integer.parseInt(keycloak.get("KC_HTTP_PORT")));
            }
        }
    }

    /** The API paths reach the gateway's http port (which paths are public: {@link PublicEndpointTest}). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void theGatewayIngressSendsTheApiToTheGatewayService(String layer) {
        var docs = Repo.manifests(layer);
        var ingress = StrictModel.parse(Manifest.get(docs, "Ingress", "gateway"), Ingress.class);
        var paths = ingress.getSpec().getRules().getFirst().getHttp().getPaths();
        assertThat(paths).extracting(p -> p.getPath()).contains("/api/", "/graphql");
        var service = StrictModel.parse(Manifest.get(docs, "Service", "gateway"), Service.class);
        for (var backend : paths) {
            assertThat(backend.getBackend().getService().getName()).isEqualTo("gateway");
            assertThat(service.getSpec().getPorts())
                    .anyMatch(p -> p.getName()
                            .equals(backend.getBackend().getService().getPort().getName()));
        }
        assertThat(List.of(ingress.getSpec().getIngressClassName())).containsExactly("nginx");
    }
}
