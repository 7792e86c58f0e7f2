package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CloudNativePG resources: one database and one owner role per service, wired to what the service connects to. */
class PostgresTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void eachDatabaseServiceConnectsToItsOwnDatabaseAsItsOwner(String layer, String name) {
        var service = Repo.service(name);
        var docs = Repo.manifests(layer);
        var env = EnvironmentTest.environment(docs, name);
        if (!service.usesDatabase()) {
            assertThat(env).doesNotContainKeys("DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD");
            return;
        }
        var cluster = cluster(docs);
        assertThat(env).containsEntry("DB_HOST", Manifest.name(cluster) + "-rw").containsEntry("DB_PORT", "5432");
        var database = databases(docs).get(env.get("DB_NAME"));
        assertThat(database)
                .as("%s connects to database %s, which no Database resource creates", name, env.get("DB_NAME"))
                .isNotNull();
        assertThat(Yaml.<String>at(database, "spec.cluster.name")).isEqualTo(Manifest.name(cluster));

        var owner = Yaml.<String>at(database, "spec.owner");
        var role = roles(cluster).get(owner);
        assertThat(role).as("owner role %s is managed by the cluster", owner).isNotNull();
        var secret = Yaml.<String>at(role, "passwordSecret.name");
        assertThat(env)
                .containsEntry("DB_USER", "secret:" + secret + "/username")
                .containsEntry("DB_PASSWORD", "secret:" + secret + "/password");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void noTwoServicesShareADatabaseOrAnOwner(String layer) {
        var docs = Repo.manifests(layer);
        var owners = new HashMap<String, String>();
        for (var database : databases(docs).values()) {
            var owner = Yaml.<String>at(database, "spec.owner");
            assertThat(owners.put(owner, Yaml.at(database, "spec.name")))
                    .as("%s owns one database", owner)
                    .isNull();
        }
        var used = new HashMap<String, String>();
        for (var service : Repo.services()) {
            if (service.usesDatabase()) {
                var db = EnvironmentTest.environment(docs, service.name()).get("DB_NAME");
                assertThat(used.put(db, service.name()))
                        .as("database %s is used by one service", db)
                        .isNull();
            }
        }
    }

    /** At full scale (every HPA at its maximum) the services' pools and Keycloak's fit in max_connections, with headroom. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void theDatabaseAcceptsEveryConnectionThePoolsCanOpenAtFullScale(String layer) {
        var docs = Repo.manifests(layer);
        int connections = 0;
        for (var service : Repo.services()) {
            if (!service.usesDatabase()) {
                continue;
            }
            var env = EnvironmentTest.environment(docs, service.name());
            var pool = env.getOrDefault("DB_POOL_SIZE", service.placeholders().get("DB_POOL_SIZE"));
            assertThat(pool).as("%s pool size", service.name()).isNotBlank();
            int maxReplicas =
                    Yaml.at(Manifest.get(docs, "HorizontalPodAutoscaler", service.name()), "spec.maxReplicas");
            connections += maxReplicas * Integer.parseInt(pool);
        }
        var keycloak = EnvironmentTest.environment(docs, "keycloak");
        int keycloakReplicas = Yaml.at(Manifest.get(docs, "Deployment", "keycloak"), "spec.replicas");
        connections += keycloakReplicas * Integer.parseInt(keycloak.get("KC_DB_POOL_MAX_SIZE"));
        int headroom = 20; // superuser_reserved_connections, streaming replication, the operator, a psql session
        var maxConnections = Integer.parseInt(String.valueOf(
                Yaml.map(Yaml.at(cluster(docs), "spec.postgresql.parameters")).get("max_connections")));
        assertThat(connections + headroom)
                .as("connections at full scale in %s", layer)
                .isLessThanOrEqualTo(maxConnections);
    }

    static Map<String, Object> cluster(List<Map<String, Object>> docs) {
        var clusters = Manifest.ofKind(docs, "Cluster");
        assertThat(clusters).hasSize(1);
        return clusters.getFirst();
    }

    static Map<String, Map<String, Object>> databases(List<Map<String, Object>> docs) {
        var out = new TreeMap<String, Map<String, Object>>();
        Manifest.ofKind(docs, "Database").forEach(d -> out.put(Yaml.at(d, "spec.name"), d));
        return out;
    }

    static Map<String, Map<String, Object>> roles(Map<String, Object> cluster) {
        var out = new TreeMap<String, Map<String, Object>>();
        Yaml.list(Yaml.at(cluster, "spec.managed.roles"))
                .forEach(r -> out.put((String) Yaml.map(r).get("name"), Yaml.map(r)));
        return out;
    }
}
