package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.deploy.NetworkGraph.Edge;
import dev.prodev.shop.deploy.NetworkGraph.Endpoint;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NetworkPolicies allow exactly the connections the services make: only the gateway (and
 * Keycloak's login pages) from the ingress controller; the gateway to the services; each service
 * to its database, Kafka, Keycloak, Zipkin, plus the Redis its REDIS_HOST names, the SMTP relay
 * (notification, Keycloak) and the payment provider (payment); Prometheus to the metrics ports; DNS.
 */
class NetworkPolicyTest {

    private static final String POSTGRES = "postgres";
    private static final String KAFKA = "kafka";
    private static final String INGRESS = "ingress-controller";
    private static final String PROMETHEUS = "prometheus";
    private static final String CNPG_OPERATOR = "cnpg-operator";
    private static final String DNS = "kube-dns";
    private static final String INTERNET = "internet";

    /** Every port anything in the shop listens on or dials. */
    private static final Set<Integer> PORTS = Set.of(
            25, 53, 443, 465, 587, 5432, 6379, 7800, 8000, 8080, 8081, 8082, 8083, 8084, 8085, 8180, 9092, 9090, 9091,
            9093, 9190, 9411, 57800);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layers")
    void theAllowedConnectionsAreExactlyTheOnesTheServicesMake(String layer) {
        var docs = Repo.manifests(layer);
        var graph = new NetworkGraph(endpoints(docs), policies(docs));
        var actual = graph.edges(PORTS);

        var expected = new TreeSet<Edge>();
        var services = Repo.services();
        expected.add(tcp(INGRESS, "gateway", Repo.service("gateway").port()));
        expected.add(tcp(INGRESS, "keycloak", 8180));
        for (var service : services) {
            if (!service.name().equals("gateway")) {
                expected.add(tcp("gateway", service.name(), service.port()));
            }
            if (service.usesDatabase()) {
                expected.add(tcp(service.name(), POSTGRES, 5432));
            }
            if (service.usesKafka()) {
                expected.add(tcp(service.name(), KAFKA, 9092));
            }
            expected.add(tcp(service.name(), "keycloak", 8180));
            expected.add(tcp(service.name(), "zipkin", 9411));
            expected.add(tcp(PROMETHEUS, service.name(), service.port()));
        }
        // each to the Redis its REDIS_HOST names (the gateway and notification-service to redis,
        // catalog-service to redis-cache: RedisTest)
        services.stream()
                .filter(s -> s.placeholders().containsKey("REDIS_HOST"))
                .forEach(s -> expected.add(tcp(
                        s.name(), EnvironmentTest.environment(docs, s.name()).get("REDIS_HOST"), 6379)));
        for (var smtp : List.of(25, 465, 587)) {
            expected.add(tcp("notification-service", INTERNET, smtp));
            // the realm's verify-email and reset-password mails
            expected.add(tcp("keycloak", INTERNET, smtp));
        }
        expected.add(tcp("payment-service", INTERNET, 443));
        expected.add(tcp("keycloak", POSTGRES, 5432));
        expected.add(tcp("keycloak", "keycloak", 7800));
        expected.add(tcp("keycloak", "keycloak", 57800));
        expected.add(tcp(PROMETHEUS, "keycloak", 9190));
        expected.add(tcp(PROMETHEUS, "zipkin", 9411));
        for (var port : List.of(5432, 8000)) {
            expected.add(tcp(POSTGRES, POSTGRES, port));
            expected.add(tcp(CNPG_OPERATOR, POSTGRES, port));
        }
        for (var workload : Manifest.ofKind(docs, "Deployment")) {
            expected.add(new Edge(Manifest.name(workload), DNS, 53, "TCP"));
            expected.add(new Edge(Manifest.name(workload), DNS, 53, "UDP"));
        }

        assertThat(actual).as("allowed connections in %s", layer).containsExactlyElementsOf(expected);
    }

    /** Our Deployments, plus the pods of the operators and the cluster with the labels they really carry. */
    static List<Endpoint> endpoints(List<Map<String, Object>> docs) {
        var endpoints = new ArrayList<Endpoint>();
        int ip = 10;
        for (var deployment : Manifest.ofKind(docs, "Deployment")) {
            var named = new HashMap<String, Integer>();
            for (var container : Manifest.containers(deployment)) {
                for (var port : Yaml.list(container.get("ports"))) {
                    var name = (String) Yaml.map(port).get("name");
                    if (name != null) {
                        named.put(name, (Integer) Yaml.map(port).get("containerPort"));
                    }
                }
            }
            endpoints.add(new Endpoint(
                    Manifest.name(deployment),
                    namespace(deployment),
                    Manifest.podLabels(deployment),
                    "10.244.0." + ip++,
                    named));
        }
        var shop = namespace(Manifest.ofKind(docs, "Deployment").getFirst());
        var cluster = PostgresTest.cluster(docs);
        endpoints.add(new Endpoint(
                POSTGRES,
                shop,
                Map.of(
                        "cnpg.io/cluster",
                        Manifest.name(cluster),
                        "cnpg.io/podRole",
                        "instance",
                        "cnpg.io/instanceRole",
                        "primary"),
                "10.244.1.1",
                Map.of()));
        var kafka = KafkaTest.clusterName(docs);
        endpoints.add(new Endpoint(
                KAFKA,
                shop,
                Map.of(
                        "strimzi.io/cluster",
                        kafka,
                        "strimzi.io/kind",
                        "Kafka",
                        "strimzi.io/name",
                        kafka + "-kafka",
                        "strimzi.io/broker-role",
                        "true",
                        "strimzi.io/controller-role",
                        "true"),
                "10.244.1.2",
                Map.of()));
        endpoints.add(new Endpoint(
                INGRESS,
                "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"),
                "10.244.2.1",
                Map.of()));
        endpoints.add(new Endpoint(
                PROMETHEUS, "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), "10.244.2.2", Map.of()));
        endpoints.add(new Endpoint(
                CNPG_OPERATOR,
                "cnpg-system",
                Map.of("app.kubernetes.io/name", "cloudnative-pg"),
                "10.244.2.3",
                Map.of()));
        endpoints.add(new Endpoint(DNS, "kube-system", Map.of("k8s-app", "kube-dns"), "10.96.0.10", Map.of()));
        endpoints.add(new Endpoint(INTERNET, null, Map.of(), "203.0.113.10", Map.of()));
        return endpoints;
    }

    /** Our NetworkPolicies plus the one Strimzi generates for the brokers from the listeners' networkPolicyPeers. */
    static List<NetworkPolicy> policies(List<Map<String, Object>> docs) {
        var policies = new ArrayList<NetworkPolicy>();
        Manifest.ofKind(docs, "NetworkPolicy").forEach(p -> policies.add(StrictModel.parse(p, NetworkPolicy.class)));
        var kafka = Manifest.get(docs, "Kafka", KafkaTest.clusterName(docs));
        var rules = new ArrayList<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>();
        for (var listener : Yaml.list(Yaml.at(kafka, "spec.kafka.listeners"))) {
            var peers = new ArrayList<NetworkPolicyPeer>();
            for (var peer : Yaml.list(Yaml.map(listener).get("networkPolicyPeers"))) {
                peers.add(StrictModel.parse(
                                Map.of(
                                        "apiVersion",
                                        "networking.k8s.io/v1",
                                        "kind",
                                        "NetworkPolicy",
                                        "metadata",
                                        Map.of("name", "peer"),
                                        "spec",
                                        Map.of("ingress", List.of(Map.of("from", List.of(peer))))),
                                NetworkPolicy.class)
                        .getSpec()
                        .getIngress()
                        .getFirst()
                        .getFrom()
                        .getFirst());
            }
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(peers)
                    .withPorts(new NetworkPolicyPortBuilder()
                            .withProtocol("TCP")
                            .withNewPort((Integer) Yaml.map(listener).get("port"))
                            .build())
                    .build());
        }
        policies.add(new NetworkPolicyBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(Manifest.name(kafka) + "-network-policy-kafka")
                        .withNamespace(namespace(kafka))
                        .build())
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("strimzi.io/cluster", Manifest.name(kafka), "strimzi.io/kind", "Kafka"))
                        .build())
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build());
        return policies;
    }

    private static String namespace(Map<String, Object> doc) {
        var namespace = Yaml.<String>at(doc, "metadata.namespace");
        assertThat(namespace)
                .as("%s has a namespace (kustomization namespace:)", Manifest.id(doc))
                .isNotNull();
        return namespace;
    }

    private static Edge tcp(String from, String to, int port) {
        return new Edge(from, to, port, "TCP");
    }
}
