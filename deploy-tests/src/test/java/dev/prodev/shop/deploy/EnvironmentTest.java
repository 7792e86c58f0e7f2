package dev.prodev.shop.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment a Deployment sets is the environment its service reads: each variable is a
 * {@code ${VAR}} placeholder of the service (or of a platform library it uses) or a Spring Boot
 * property in relaxed-binding form; and nothing that defaults to localhost is left unset.
 */
class EnvironmentTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void everyVariableTheDeploymentSetsIsReadByTheService(String layer, String name) {
        var service = Repo.service(name);
        var env = environment(Repo.manifests(layer), name);
        assertThat(env).isNotEmpty();
        for (var variable : env.keySet()) {
            assertThat(service.placeholders().containsKey(variable) || SpringProperties.binds(variable)
                    || SpringProperties.bindsLibraryProperty(service, variable))
                    .as("%s (%s) sets %s, which %s never reads: no ${%s} placeholder and no property of that name",
                            name, layer, variable, name, variable)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void everyPlaceholderThatDefaultsToLocalhostIsSet(String layer, String name) {
        var service = Repo.service(name);
        var env = environment(Repo.manifests(layer), name);
        service.placeholders().forEach((variable, defaultValue) -> {
            if (defaultValue.contains("localhost") || defaultValue.contains("127.0.0.1")) {
                assertThat(env).as("%s (%s) must set %s: its default %s points at the pod itself", name, layer, variable, defaultValue)
                        .containsKey(variable);
            }
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void secretVariablesComeFromSecretsAndOnlyDatabaseServicesGetDatabaseCredentials(String layer, String name) {
        var service = Repo.service(name);
        var env = environment(Repo.manifests(layer), name);
        for (var secretVariable : List.of("DB_PASSWORD", "REDIS_PASSWORD", "SPRING_DATA_REDIS_PASSWORD", "SMTP_PASSWORD",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")) {
            if (env.containsKey(secretVariable)) {
                assertThat(env.get(secretVariable)).as("%s %s", name, secretVariable).startsWith("secret:");
            }
        }
        assertThat(env.containsKey("DB_PASSWORD")).isEqualTo(service.usesDatabase());
    }

    /**
     * Every variable of the service's main container: env entries (value, "secret:name/key",
     * "configMap:name/key") and the keys of the ConfigMaps in envFrom ("configMap:name").
     */
    static Map<String, String> environment(List<Map<String, Object>> docs, String name) {
        var deployment = Manifest.get(docs, "Deployment", name);
        var container = Manifest.containers(deployment).getFirst();
        var env = new LinkedHashMap<String, String>();
        for (var from : Yaml.list(container.get("envFrom"))) {
            var configMap = Yaml.<String>at(from, "configMapRef.name");
            assertThat(configMap).as("%s envFrom uses ConfigMaps only (secrets go through secretKeyRef, one by one)", name).isNotNull();
            var data = Yaml.map(Manifest.get(docs, "ConfigMap", configMap).get("data"));
            data.forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (var entry : Yaml.list(container.get("env"))) {
            var e = Yaml.map(entry);
            var secret = Yaml.map(Yaml.at(e, "valueFrom.secretKeyRef"));
            var configMapKey = Yaml.map(Yaml.at(e, "valueFrom.configMapKeyRef"));
            String value;
            if (!secret.isEmpty()) {
                value = "secret:" + secret.get("name") + "/" + secret.get("key");
            } else if (!configMapKey.isEmpty()) {
                value = "configMap:" + configMapKey.get("name") + "/" + configMapKey.get("key");
            } else {
                value = String.valueOf(e.get("value"));
            }
            env.put((String) e.get("name"), value);
        }
        return env;
    }
}
