package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
            assertThat(service.placeholders().containsKey(variable)
                            || SpringProperties.binds(variable)
                            || SpringProperties.bindsLibraryProperty(service, variable))
                    .as(
                            "%s (%s) sets %s, which %s never reads: no ${%s} placeholder and no property of that name",
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
                assertThat(env)
                        .as(
                                "%s (%s) must set %s: its default %s points at the pod itself",
                                name, layer, variable, defaultValue)
                        .containsKey(variable);
            }
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void secretVariablesComeFromSecretsAndOnlyDatabaseServicesGetDatabaseCredentials(String layer, String name) {
        var service = Repo.service(name);
        var env = environment(Repo.manifests(layer), name);
        for (var secretVariable : List.of(
                "DB_PASSWORD",
                "REDIS_PASSWORD",
                "SPRING_DATA_REDIS_PASSWORD",
                "SMTP_PASSWORD",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")) {
            if (env.containsKey(secretVariable)) {
                assertThat(env.get(secretVariable))
                        .as("%s %s", name, secretVariable)
                        .startsWith("secret:");
            }
        }
        assertThat(env.containsKey("DB_PASSWORD")).isEqualTo(service.usesDatabase());
    }

    /**
     * Every in-cluster address a service is given (URLs, host:port, *_HOST with *_PORT) names a
     * Service that exists, on a port it serves: ours from the manifests, the operators' from
     * their resources (CloudNativePG's {@code <cluster>-rw}, Strimzi's {@code <cluster>-kafka-bootstrap}).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void everyInClusterAddressNamesAServiceOnAPortItServes(String layer, String name) {
        var docs = Repo.manifests(layer);
        var services = clusterServices(docs);
        var env = environment(docs, name);
        var url = java.util.regex.Pattern.compile("^[a-z][a-z0-9+.-]*://([^/:]+)(?::(\\d+))?.*");
        var hostPort = java.util.regex.Pattern.compile("^([a-z0-9.-]+):(\\d+)$");
        env.forEach((variable, value) -> {
            String host = null;
            Integer port = null;
            var u = url.matcher(value);
            var h = hostPort.matcher(value);
            if (u.matches()) {
                host = u.group(1);
                port = u.group(2) != null ? Integer.valueOf(u.group(2)) : value.startsWith("https") ? 443 : 80;
            } else if (h.matches()) {
                host = h.group(1);
                port = Integer.valueOf(h.group(2));
            } else if (variable.endsWith("_HOST")) {
                host = value;
                var portVariable = variable.substring(0, variable.length() - "_HOST".length()) + "_PORT";
                port = env.containsKey(portVariable) ? Integer.valueOf(env.get(portVariable)) : null;
            }
            if (host == null
                    || (host.contains(".") && !host.endsWith(".svc") && !host.endsWith(".svc.cluster.local"))) {
                return; // not an address, or one outside the cluster (SMTP relay, public issuer)
            }
            var serviceName = host.split("\\.")[0];
            assertThat(services)
                    .as("%s %s=%s names Service %s", name, variable, value, serviceName)
                    .containsKey(serviceName);
            if (port != null) {
                assertThat(services.get(serviceName))
                        .as("%s %s=%s: port of Service %s", name, variable, value, serviceName)
                        .contains(port);
            }
        });
    }

    /** Service name -> ports, for our Services and the ones the operators create. */
    static Map<String, java.util.Set<Integer>> clusterServices(List<Map<String, Object>> docs) {
        var services = new java.util.TreeMap<String, java.util.Set<Integer>>();
        for (var service : Manifest.ofKind(docs, "Service")) {
            var ports = new java.util.TreeSet<Integer>();
            Yaml.list(Yaml.at(service, "spec.ports"))
                    .forEach(p -> ports.add((Integer) Yaml.map(p).get("port")));
            services.put(Manifest.name(service), ports);
        }
        for (var cluster : Manifest.ofKind(docs, "Cluster")) {
            for (var suffix : List.of("-rw", "-ro", "-r")) {
                services.put(Manifest.name(cluster) + suffix, java.util.Set.of(5432));
            }
        }
        for (var kafka : Manifest.ofKind(docs, "Kafka")) {
            var ports = new java.util.TreeSet<Integer>();
            Yaml.list(Yaml.at(kafka, "spec.kafka.listeners"))
                    .forEach(l -> ports.add((Integer) Yaml.map(l).get("port")));
            services.put(Manifest.name(kafka) + "-kafka-bootstrap", ports);
        }
        return services;
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
            assertThat(configMap)
                    .as("%s envFrom uses ConfigMaps only (secrets go through secretKeyRef, one by one)", name)
                    .isNotNull();
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
