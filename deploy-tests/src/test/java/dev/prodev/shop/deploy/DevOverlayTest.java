package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The dev overlay runs the whole shop on one developer machine (kind, minikube, k3d). */
class DevOverlayTest {

    private static final String DEV = "overlays/dev";

    @Test
    void theWholeShopRequestsLessThanEightGibibytes() {
        var docs = Repo.manifests(DEV);
        var total = BigDecimal.ZERO;
        for (var deployment : Manifest.ofKind(docs, "Deployment")) {
            int replicas = Yaml.at(deployment, "spec.replicas");
            for (var container : Manifest.containers(deployment)) {
                total = total.add(
                        memory(Yaml.at(container, "resources.requests.memory")).multiply(BigDecimal.valueOf(replicas)));
            }
        }
        for (var pool : Manifest.ofKind(docs, "KafkaNodePool")) {
            int replicas = Yaml.at(pool, "spec.replicas");
            total = total.add(
                    memory(Yaml.at(pool, "spec.resources.requests.memory")).multiply(BigDecimal.valueOf(replicas)));
        }
        var cluster = PostgresTest.cluster(docs);
        int instances = Yaml.at(cluster, "spec.instances");
        total = total.add(
                memory(Yaml.at(cluster, "spec.resources.requests.memory")).multiply(BigDecimal.valueOf(instances)));

        assertThat(total).isLessThan(memory("8Gi"));
    }

    @Test
    void everythingRunsOnceAndKafkaAndPostgresAsSingleNodes() {
        var docs = Repo.manifests(DEV);
        for (var deployment : Manifest.ofKind(docs, "Deployment")) {
            assertThat(Yaml.<Integer>at(deployment, "spec.replicas"))
                    .as(Manifest.id(deployment))
                    .isEqualTo(1);
        }
        for (var topic : Manifest.ofKind(docs, "KafkaTopic")) {
            assertThat(Yaml.<Integer>at(topic, "spec.replicas"))
                    .as(Manifest.id(topic))
                    .isEqualTo(1);
        }
        assertThat(Yaml.<Integer>at(PostgresTest.cluster(docs), "spec.instances"))
                .isEqualTo(1);
    }

    private static BigDecimal memory(String quantity) {
        assertThat(quantity).as("a memory request").isNotNull();
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }
}
