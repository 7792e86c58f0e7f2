package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Issue #12: what the prod render must never contain (the simulator, a literal or known default
 * secret, SMTP credentials in the clear) and the settings prod must have.
 */
class ProdSafetyTest {

    private static final String PROD = "overlays/prod";
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|APIKEY|API_KEY|PRIVATE|CREDENTIAL|JAAS).*");

    @Test
    void prodChargesThroughChapaWithItsSecretsFromASecret() {
        var docs = Repo.manifests(PROD);
        var env = EnvironmentTest.environment(docs, "payment-service");
        assertThat(env).containsEntry("PAYMENT_PROVIDER", "chapa");
        assertThat(env.get("CHAPA_SECRET_KEY")).startsWith("secret:");
        assertThat(env.get("CHAPA_WEBHOOK_SECRET")).startsWith("secret:");
        var container = Manifest.containers(Manifest.get(docs, "Deployment", "payment-service"))
                .getFirst();
        for (var entry : Yaml.list(container.get("env"))) {
            var name = (String) Yaml.map(entry).get("name");
            if (name.startsWith("CHAPA_") && SECRET_NAME.matcher(name).matches()) {
                assertThat(Yaml.<Object>at(entry, "valueFrom.secretKeyRef.optional"))
                        .as("%s may not be missing", name)
                        .isNotEqualTo(true);
            }
        }
        for (var service : Repo.services()) {
            var serviceEnv = EnvironmentTest.environment(docs, service.name());
            assertThat(serviceEnv.values())
                    .as("%s in prod", service.name())
                    .noneMatch(v -> v.toLowerCase().contains("simulator"));
            assertThat(serviceEnv.getOrDefault("SPRING_PROFILES_ACTIVE", ""))
                    .as(service.name())
                    .doesNotContain("dev", "test");
        }
    }

    /** The simulator refuses to start without profile dev or test: wherever it is chosen, the profile comes with it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void theSimulatorRunsOnlyWithProfileDev(String layer) {
        var env = EnvironmentTest.environment(Repo.manifests(layer), "payment-service");
        if ("simulator".equals(env.get("PAYMENT_PROVIDER"))) {
            assertThat(layer).isEqualTo("overlays/dev");
            assertThat(List.of(env.getOrDefault("SPRING_PROFILES_ACTIVE", "").split(",")))
                    .contains("dev");
        }
    }

    /** Compose passes the profile as a program argument (its environment may only hold variables the service reads). */
    @Test
    void composeRunsTheSimulatorWithProfileDev() {
        var compose = Yaml.readOne(Repo.ROOT.resolve("deploy/compose/compose.yaml"));
        var payment = Yaml.map(Yaml.at(compose, "services.payment-service"));
        assertThat(String.valueOf(Yaml.map(payment.get("environment")).getOrDefault("PAYMENT_PROVIDER", "simulator")))
                .isEqualTo("simulator");
        var profile = Yaml.list(payment.get("command")).stream()
                .map(String::valueOf)
                .filter(a -> a.startsWith("--spring.profiles.active="))
                .findFirst();
        assertThat(profile).as("payment-service command").isPresent();
        assertThat(List.of(profile.get()
                        .substring("--spring.profiles.active=".length())
                        .split(",")))
                .contains("dev");
    }

    @Test
    void composeKeepsTheCatalogCacheOutOfTheSecurityRedis() {
        var services = Yaml.map(
                Yaml.readOne(Repo.ROOT.resolve("deploy/compose/compose.yaml")).get("services"));
        assertThat(Yaml.list(Yaml.at(services, "redis.command"))).contains("noeviction");
        assertThat(Yaml.list(Yaml.at(services, "redis-cache.command"))).contains("allkeys-lru");
        assertThat(Yaml.map(Yaml.at(services, "catalog-service.environment")))
                .containsEntry("REDIS_HOST", "redis-cache");
    }

    /**
     * No secret as a literal: every variable named like a secret comes from a Secret (never a
     * ConfigMap or a value:), no Secret object is rendered, and no literal anywhere in the prod
     * render (env, ConfigMaps, the realm) is one of the known development secrets of
     * deploy/local/dev.env and deploy/compose.
     */
    @Test
    void prodContainsNoLiteralOrKnownDefaultSecret() {
        var docs = Repo.manifests(PROD);
        assertThat(Manifest.ofKind(docs, "Secret"))
                .as("Secrets are created outside the repository")
                .isEmpty();
        for (var deployment : Manifest.ofKind(docs, "Deployment")) {
            for (var container : Manifest.containers(deployment)) {
                for (var from : Yaml.list(container.get("envFrom"))) {
                    var configMap = Yaml.<String>at(from, "configMapRef.name");
                    Yaml.map(Manifest.get(docs, "ConfigMap", configMap).get("data"))
                            .keySet()
                            .forEach(key -> assertThat(key)
                                    .as(
                                            "%s reads secret-like %s from ConfigMap %s",
                                            Manifest.id(deployment), key, configMap)
                                    .doesNotMatch(SECRET_NAME));
                }
                for (var entry : Yaml.list(container.get("env"))) {
                    var e = Yaml.map(entry);
                    if (SECRET_NAME.matcher((String) e.get("name")).matches()) {
                        assertThat(Yaml.<Object>at(e, "valueFrom.secretKeyRef"))
                                .as("%s %s", Manifest.id(deployment), e.get("name"))
                                .isNotNull();
                    }
                }
                // container args such as Redis' --requirepass $(REDIS_PASSWORD)
                for (var arg : Yaml.list(container.get("args"))) {
                    assertThat(String.valueOf(arg)).doesNotContainIgnoringCase("password=");
                }
            }
        }
        var literals = new TreeSet<String>();
        for (var doc : docs) {
            collectStrings(doc, literals);
        }
        for (var secret : knownDevelopmentSecrets()) {
            assertThat(literals)
                    .as("the dev secret '%s' in the prod render", secret)
                    .noneMatch(l -> l.contains(secret));
        }
        // the realm: every secret or password field (client secrets, SMTP password, a user's
        // credential value) is a ${VAR} the import reads from a Secret, never a value
        var realmSecrets = new TreeMap<String, String>();
        collectSecretFields("realm", Realm.of(docs).json(), realmSecrets);
        assertThat(realmSecrets).as("secret fields of the prod realm").isNotEmpty();
        realmSecrets.forEach((field, value) ->
                assertThat(value).as("%s in the prod realm", field).matches("\\$\\{[A-Z_]+}"));
    }

    private static void collectSecretFields(
            String path, com.fasterxml.jackson.databind.JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                var child = path + "." + e.getKey();
                var secretField = e.getKey().matches("(?i)secret|password|secretData|hashedSaltedValue")
                        || e.getKey().equals("value") && path.contains("credentials");
                if (secretField && e.getValue().isValueNode()) {
                    out.put(child, e.getValue().asText());
                } else {
                    collectSecretFields(child, e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectSecretFields(path + "[" + i + "]", node.get(i), out);
            }
        }
    }

    /** SMTP with credentials (every layer): STARTTLS enabled and required, and the variables really bind. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void smtpWithCredentialsRequiresStartTls(String layer) {
        var env = EnvironmentTest.environment(Repo.manifests(layer), "notification-service");
        if (!env.containsKey("SMTP_USERNAME") && !env.containsKey("SPRING_MAIL_USERNAME")) {
            return;
        }
        var mail = bindMailProperties(env);
        assertThat(mail)
                .as("%s spring.mail.properties", layer)
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true");
    }

    /**
     * Issue #16: the demo catalogue (55 products with known SKUs and prices) is the local
     * platform's. catalog-service loads it only when SHOP_CATALOG_DEMO_ENABLED is true, its
     * default is false, and the prod render sets nothing that turns it on.
     */
    @Test
    void prodLoadsNoDemoCatalogue() {
        assertThat(Repo.service("catalog-service").placeholders()).containsEntry("SHOP_CATALOG_DEMO_ENABLED", "false");
        var docs = Repo.manifests(PROD);
        var env = EnvironmentTest.environment(docs, "catalog-service");
        assertThat(env.keySet()).as("catalog-service env in prod").noneMatch(k -> k.startsWith("SHOP_CATALOG_DEMO"));
        assertThat(env.getOrDefault("SPRING_PROFILES_ACTIVE", "")).doesNotContain("demo");
        var container = Manifest.containers(Manifest.get(docs, "Deployment", "catalog-service"))
                .getFirst();
        var arguments = new TreeSet<String>();
        collectStrings(container.get("args"), arguments);
        collectStrings(container.get("command"), arguments);
        assertThat(arguments).noneMatch(a -> a.toLowerCase().contains("demo"));
    }

    /** Issue #12's gateway and order settings, as the other branches name them. */
    @Test
    void prodHidesTheApiDocsLimitsManagementAndRequiresAVerifiedEmail() {
        var docs = Repo.manifests(PROD);
        var gateway = EnvironmentTest.environment(docs, "gateway");
        assertThat(gateway).containsEntry("SHOP_GATEWAY_API_DOCS_PUBLIC", "false");
        var networks = gateway.get("SHOP_GATEWAY_MANAGEMENT_TRUSTED_NETWORKS");
        assertThat(networks).isNotBlank();
        TrustedProxiesTest.assertNarrowCidrs("SHOP_GATEWAY_MANAGEMENT_TRUSTED_NETWORKS", networks);
        assertThat(EnvironmentTest.environment(docs, "order-service"))
                .containsEntry("SHOP_ORDERS_REQUIRE_VERIFIED_EMAIL", "true");
    }

    /**
     * spring.mail.properties as notification-service would see it: its application.yml's keys
     * (flattened) overridden by the environment through Spring Boot's own relaxed binding.
     */
    static Map<String, String> bindMailProperties(Map<String, String> env) {
        var environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        var literals = new HashMap<String, Object>();
        env.forEach((k, v) -> {
            if (!v.startsWith("secret:") && !v.startsWith("configMap:")) {
                literals.put(k, v);
            }
        });
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, literals));
        var yaml = new LinkedHashMap<String, Object>();
        flatten("", Repo.service("notification-service").config(), yaml);
        sources.addLast(new org.springframework.core.env.MapPropertySource("application.yml", yaml));
        return Binder.get(environment)
                .bind("spring.mail.properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
    }

    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        map.forEach((k, v) -> {
            var key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                var child = (Map<String, Object>) m;
                flatten(key, child, out);
            } else if (v != null && !String.valueOf(v).contains("${")) {
                out.put(key, String.valueOf(v));
            }
        });
    }

    private static void collectStrings(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectStrings(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, out));
        } else if (node != null) {
            out.add(String.valueOf(node));
        }
    }

    /**
     * The values of secret-like keys in deploy/local/dev.env and deploy/compose/compose.yaml,
     * minus values those files also use for a non-secret key (compose's postgres password is
     * "postgres", which is also a user name and Keycloak's KC_DB: a name, not a marker of a secret).
     */
    static Set<String> knownDevelopmentSecrets() {
        var secrets = new TreeSet<String>();
        var names = new TreeSet<String>();
        var devEnv = Repo.ROOT.resolve("deploy/local/dev.env");
        if (Files.isRegularFile(devEnv)) {
            for (var line : Repo.read(devEnv).lines().toList()) {
                var eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    (SECRET_NAME.matcher(line.substring(0, eq)).matches() ? secrets : names)
                            .add(line.substring(eq + 1).trim());
                }
            }
        }
        var compose = Yaml.readOne(Repo.ROOT.resolve("deploy/compose/compose.yaml"));
        Yaml.map(compose.get("services")).values().forEach(service -> {
            var environment = Yaml.map(Yaml.map(service).get("environment"));
            environment.forEach((k, v) -> {
                if (v != null && !(v instanceof Map) && !String.valueOf(v).isBlank()) {
                    (SECRET_NAME.matcher(k).matches() ? secrets : names).add(String.valueOf(v));
                }
            });
        });
        compose.forEach((key, value) -> {
            if (key.startsWith("x-")) { // the shared environment blocks (YAML anchors)
                Yaml.map(value).forEach((k, v) -> {
                    if (v != null && !(v instanceof Map)) {
                        (SECRET_NAME.matcher(k).matches() ? secrets : names).add(String.valueOf(v));
                    }
                });
            }
        });
        secrets.removeAll(names);
        secrets.removeIf(s -> s.isBlank() || s.startsWith("$"));
        assertThat(secrets).as("known development secrets").isNotEmpty();
        return secrets;
    }
}
