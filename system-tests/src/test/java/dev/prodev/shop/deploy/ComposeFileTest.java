package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose/compose.yaml cannot run on our machines (no Docker engine), so this test keeps it
 * honest against what the services really read: every service module has a compose service on its
 * port, every variable compose sets is one the service's configuration reads as {@code ${VAR...}},
 * every variable a service needs (one without a default) is set, each service gets the password of
 * its own database role from the init SQL, and every service trusts the issuer Keycloak is pinned to.
 */
class ComposeFileTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** ${NAME} or ${NAME:default}; nested defaults are found by the scan continuing inside them. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:)?");

    static final Set<String> INFRASTRUCTURE = Set.of("postgres", "redis", "kafka", "zipkin", "keycloak", "greenmail");

    static Map<String, Object> compose;
    static Map<String, Object> composeServices;
    static List<String> serviceModules;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFileAndModules() throws IOException {
        compose = new Yaml().load(Files.readString(ROOT.resolve("deploy/compose/compose.yaml")));
        composeServices = (Map<String, Object>) compose.get("services");
        var pom = Files.readString(ROOT.resolve("pom.xml"));
        serviceModules = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (module.find()) {
            var name = module.group(1).strip();
            if (!name.startsWith("platform") && Files.exists(applicationYml(name))) {
                serviceModules.add(name);
            }
        }
    }

    @Test
    void theSixServicesAreFoundSoTheChecksBelowAreNotVacuous() {
        assertThat(serviceModules)
                .contains(
                        "gateway",
                        "user-service",
                        "catalog-service",
                        "order-service",
                        "payment-service",
                        "notification-service");
    }

    @Test
    void everyServiceModuleHasAComposeServiceOnItsOwnPort() throws IOException {
        for (var module : serviceModules) {
            var yml = Files.readString(applicationYml(module));
            var port = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}").matcher(yml);
            assertThat(port.find())
                    .as("%s reads its port from ${SERVER_PORT:<default>}", module)
                    .isTrue();
            assertThat(composeServices).as("compose services").containsKey(module);
            assertThat(ports(module)).as("%s ports", module).contains(port.group(1) + ":" + port.group(1));
            assertThat(service(module).get("image"))
                    .as("%s image", module)
                    .isEqualTo("prodev-shop/" + module + ":0.1.0-SNAPSHOT");
        }
    }

    @Test
    void theInfrastructureRunsOnTheContractPorts() {
        assertThat(composeServices).containsKeys(INFRASTRUCTURE.toArray(String[]::new));
        assertThat(ports("postgres")).contains("5432:5432");
        assertThat(ports("redis")).contains("6379:6379");
        assertThat(ports("kafka")).contains("9092:9092");
        assertThat(ports("zipkin")).contains("9411:9411");
        assertThat(ports("keycloak")).contains("8180:8180");
        assertThat(ports("greenmail")).contains("3025:3025", "3143:3143");
    }

    @Test
    void everyVariableComposeSetsForAServiceIsOneTheServiceReads() throws IOException {
        for (var module : serviceModules) {
            var read = placeholders(module).keySet();
            assertThat(environment(module).keySet())
                    .as("variables compose sets for %s", module)
                    .allSatisfy(variable -> assertThat(read)
                            .as("%s sets %s, which %s's configuration never reads", "compose", variable, module)
                            .contains(variable));
        }
    }

    @Test
    void everyVariableAServiceNeedsIsSet() throws IOException {
        for (var module : serviceModules) {
            var required = placeholders(module).entrySet().stream()
                    .filter(e -> e.getValue() == Default.NONE)
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(environment(module).keySet())
                    .as("%s needs %s", module, required)
                    .containsAll(required);
        }
    }

    @Test
    void theUserServiceCanCallKeycloaksAdminApi() {
        // ${KEYCLOAK_ADMIN_CLIENT_SECRET:} has an empty default, yet without it every Admin API call fails
        assertThat(environment("user-service"))
                .containsEntry(
                        "KEYCLOAK_ADMIN_CLIENT_SECRET",
                        String.valueOf(environment("keycloak").get("KEYCLOAK_ADMIN_CLIENT_SECRET")));
    }

    @Test
    void eachServiceGetsThePasswordOfItsOwnDatabaseRole() throws IOException {
        var sql = Files.readString(ROOT.resolve("deploy/compose/postgres-init/10-shop-databases.sql"));
        for (var module : serviceModules) {
            var yml = Files.readString(applicationYml(module));
            var user = Pattern.compile("\\$\\{DB_USER:([a-z_]+)}").matcher(yml);
            var database = Pattern.compile("\\$\\{DB_NAME:([a-z_]+)}").matcher(yml);
            if (!user.find() || !database.find()) {
                continue; // no database (the gateway)
            }
            var password = environment(module).get("DB_PASSWORD");
            assertThat(sql)
                    .as("init SQL for %s", module)
                    .contains("CREATE ROLE " + user.group(1) + " LOGIN PASSWORD '" + password + "';")
                    .contains("CREATE DATABASE " + database.group(1) + " OWNER " + user.group(1) + ";");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesTrustTheIssuerKeycloakIsPinnedTo() {
        var command = String.join(" ", (List<String>) service("keycloak").get("command"));
        var hostname = Pattern.compile("--hostname=(\\S+)").matcher(command);
        assertThat(hostname.find()).isTrue();
        for (var module : serviceModules) {
            assertThat(environment(module).get("KEYCLOAK_ISSUER_URI"))
                    .as(module)
                    .isEqualTo(hostname.group(1) + "/realms/shop");
        }
    }

    // ---------------------------------------------------------------- helpers

    enum Default {
        NONE,
        EMPTY,
        SOME
    }

    static Path applicationYml(String module) {
        return ROOT.resolve(module).resolve("src/main/resources/application.yml");
    }

    /** Variables the module's configuration reads: its application.yml plus platform-web's defaults if it uses them. */
    static Map<String, Default> placeholders(String module) throws IOException {
        var sources = new ArrayList<>(List.of(Files.readString(applicationYml(module))));
        if (Files.readString(ROOT.resolve(module).resolve("pom.xml"))
                .contains("<artifactId>platform-web</artifactId>")) {
            sources.add(Files.readString(ROOT.resolve("platform/web/src/main/resources/shop-service-defaults.yml")));
        }
        var found = new HashMap<String, Default>();
        for (var text : sources) {
            var m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                var kind = m.group(2) == null
                        ? Default.NONE
                        : text.startsWith("}", m.end()) ? Default.EMPTY : Default.SOME;
                // a variable read in several places needs a value if any of them has none
                found.merge(m.group(1), kind, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) {
        return (Map<String, Object>) composeServices.get(name);
    }

    @SuppressWarnings("unchecked")
    static Set<String> ports(String name) {
        return new LinkedHashSet<>((List<String>) service(name).getOrDefault("ports", List.of()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String name) {
        var env = new HashMap<String, String>();
        ((Map<String, Object>) service(name).getOrDefault("environment", Map.of()))
                .forEach((key, value) -> env.put(key, String.valueOf(value)));
        return env;
    }
}
