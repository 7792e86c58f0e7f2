package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #12 (ADR 0009): the gateway's security state lives in a Redis that never evicts; the
 * catalog's page cache, which anonymous traffic can fill, lives in another one.
 */
class RedisTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void securityStateNeverEvictsAndTheCacheEvictsOnlyItself(String layer) {
        var docs = Repo.manifests(layer);
        var security = redisArgs(docs, "redis");
        assertThat(option(security, "--maxmemory-policy")).as("%s redis", layer).isEqualTo("noeviction");
        var cache = redisArgs(docs, "redis-cache");
        assertThat(option(cache, "--maxmemory-policy"))
                .as("%s redis-cache", layer)
                .isEqualTo("allkeys-lru");
        assertThat(option(cache, "--maxmemory")).as("a bounded cache").isNotBlank();

        assertThat(EnvironmentTest.environment(docs, "gateway")).containsEntry("REDIS_HOST", "redis");
        assertThat(EnvironmentTest.environment(docs, "notification-service")).containsEntry("REDIS_HOST", "redis");
        var catalog = EnvironmentTest.environment(docs, "catalog-service");
        assertThat(catalog).containsEntry("REDIS_HOST", "redis-cache");
        assertThat(catalog.get("SPRING_DATA_REDIS_PASSWORD")).isEqualTo("secret:redis-cache/password");
        var cachePassword = Yaml.list(Manifest.containers(Manifest.get(docs, "Deployment", "redis-cache"))
                .getFirst()
                .get("env"));
        assertThat(cachePassword).anyMatch(e -> "redis-cache".equals(Yaml.at(e, "valueFrom.secretKeyRef.name")));
    }

    private static List<String> redisArgs(List<Map<String, Object>> docs, String name) {
        var container =
                Manifest.containers(Manifest.get(docs, "Deployment", name)).getFirst();
        return Yaml.list(container.get("args")).stream().map(String::valueOf).toList();
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i < 0 || i + 1 >= args.size() ? null : args.get(i + 1);
    }
}
