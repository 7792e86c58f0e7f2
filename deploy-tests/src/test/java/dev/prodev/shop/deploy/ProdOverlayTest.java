package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What makes prod survive the loss of one node: several replicas of everything stateful or on the request path. */
class ProdOverlayTest {

    private static final String PROD = "overlays/prod";

    @Test
    void everyServiceRunsAtLeastTwoReplicasAndKeepsOneDuringADrain() {
        var docs = Repo.manifests(PROD);
        for (var service : Repo.services()) {
            int replicas = Yaml.at(Manifest.get(docs, "Deployment", service.name()), "spec.replicas");
            int minReplicas =
                    Yaml.at(Manifest.get(docs, "HorizontalPodAutoscaler", service.name()), "spec.minReplicas");
            assertThat(replicas).as(service.name()).isGreaterThanOrEqualTo(2);
            assertThat(minReplicas).as(service.name()).isGreaterThanOrEqualTo(2);
            assertThat(Manifest.find(docs, "PodDisruptionBudget", service.name()))
                    .as(service.name())
                    .isPresent();
        }
    }

    @Test
    void kafkaAndPostgresHaveThreeMembersSoOneCanFail() {
        var docs = Repo.manifests(PROD);
        int brokers = Manifest.ofKind(docs, "KafkaNodePool").stream()
                .filter(p -> Yaml.list(Yaml.at(p, "spec.roles")).contains("broker"))
                .mapToInt(p -> Yaml.<Integer>at(p, "spec.replicas"))
                .sum();
        int controllers = Manifest.ofKind(docs, "KafkaNodePool").stream()
                .filter(p -> Yaml.list(Yaml.at(p, "spec.roles")).contains("controller"))
                .mapToInt(p -> Yaml.<Integer>at(p, "spec.replicas"))
                .sum();
        assertThat(brokers).isGreaterThanOrEqualTo(3);
        assertThat(controllers)
                .as("a KRaft quorum that tolerates one loss")
                .isGreaterThanOrEqualTo(3)
                .isOdd();
        int instances = Yaml.at(PostgresTest.cluster(docs), "spec.instances");
        assertThat(instances).isGreaterThanOrEqualTo(3);
        assertThat(Yaml.<Integer>at(Manifest.get(docs, "Deployment", "keycloak"), "spec.replicas"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void publicEndpointsUseTls() {
        var docs = Repo.manifests(PROD);
        for (var ingress : Manifest.ofKind(docs, "Ingress")) {
            assertThat(Yaml.list(Yaml.at(ingress, "spec.tls")))
                    .as(Manifest.id(ingress))
                    .isNotEmpty();
        }
        assertThat(EnvironmentTest.environment(docs, "gateway").get("KEYCLOAK_ISSUER_URI"))
                .startsWith("https://");
    }
}
