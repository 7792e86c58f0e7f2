package dev.prodev.shop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service module has a Deployment that runs it the way its own configuration expects. */
class ServiceDeploymentTest {

    /** Resident set of one service under sustained load, from docs/performance.md (350-400 MiB), plus 25% headroom. */
    private static final Quantity MEASURED_RSS_UPPER = new Quantity("500Mi");

    @Test
    void everyServiceModuleIsFound() {
        assertThat(Repo.services())
                .extracting(ServiceModule::name)
                .contains(
                        "gateway",
                        "user-service",
                        "catalog-service",
                        "order-service",
                        "payment-service",
                        "notification-service");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void containerAndServicePortsEqualTheServerPortOfTheService(String layer, String name) {
        var service = Repo.service(name);
        assertThat(service.property("spring.application.name"))
                .as("the Deployment carries the application's name")
                .isEqualTo(name);
        var docs = Repo.manifests(layer);
        var container = container(docs, name);
        assertThat(container.getPorts())
                .extracting(ContainerPort::getContainerPort)
                .containsExactly(service.port());
        var k8sService = StrictModel.parse(Manifest.get(docs, "Service", name), Service.class);
        assertThat(k8sService.getSpec().getSelector())
                .isEqualTo(deployment(docs, name).getSpec().getSelector().getMatchLabels());
        var servicePort = k8sService.getSpec().getPorts().getFirst();
        assertThat(servicePort.getPort()).isEqualTo(service.port());
        assertThat(resolvePort(container, servicePort.getTargetPort())).isEqualTo(service.port());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void probesUseTheActuatorHealthGroupsTheServiceServes(String layer, String name) {
        var service = Repo.service(name);
        assertThat(service.property("management.endpoint.health.probes.enabled"))
                .as("%s enables the probe groups", name)
                .isEqualTo("true");
        assertThat(exposed(service)).as("%s exposes health over HTTP", name).contains("health");
        assertThat(service.property("management.server.port"))
                .as("probes go to the server port")
                .isNull();
        assertThat(service.property("management.endpoints.web.base-path"))
                .as("actuator stays at /actuator")
                .isNull();

        var container = container(Repo.manifests(layer), name);
        assertProbe(container, container.getLivenessProbe().getHttpGet(), "/actuator/health/liveness", service);
        assertProbe(container, container.getReadinessProbe().getHttpGet(), "/actuator/health/readiness", service);
        assertProbe(container, container.getStartupProbe().getHttpGet(), "/actuator/health/liveness", service);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void prometheusScrapesTheEndpointTheServiceExposes(String layer, String name) {
        var service = Repo.service(name);
        assertThat(exposed(service)).contains("prometheus");
        var annotations = deployment(Repo.manifests(layer), name)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations();
        assertThat(annotations)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(service.port()))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
    }

    /** preStop keeps the pod serving while endpoints drain; then Spring's graceful shutdown must fit in the grace period. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void shutdownIsGracefulAndFitsTheTerminationGracePeriod(String layer, String name) {
        var service = Repo.service(name);
        assertThat(service.property("server.shutdown")).isEqualTo("graceful");
        var phase = service.property("spring.lifecycle.timeout-per-shutdown-phase");
        int springSeconds = phase == null ? 30 : Integer.parseInt(phase.replaceAll("\\D", ""));

        var pod =
                deployment(Repo.manifests(layer), name).getSpec().getTemplate().getSpec();
        var preStop = pod.getContainers().getFirst().getLifecycle().getPreStop();
        var command = String.join(" ", preStop.getExec().getCommand());
        var sleep = Pattern.compile("sleep (\\d+)").matcher(command);
        assertThat(sleep.find()).as("preStop sleeps: %s", command).isTrue();
        assertThat(pod.getTerminationGracePeriodSeconds())
                .isGreaterThanOrEqualTo(Long.parseLong(sleep.group(1)) + springSeconds);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void runsAsTheNonRootUserOfTheImageWithAReadOnlyRootFilesystem(String layer, String name) {
        var pod =
                deployment(Repo.manifests(layer), name).getSpec().getTemplate().getSpec();
        var imageUser = ImageConfigTest.jibUser();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(imageUser).isNotZero();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = pod.getContainers().getFirst();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        // Tomcat / Netty need a writable temp directory
        var tmp = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst()
                .orElseThrow();
        assertThat(pod.getVolumes()).anyMatch(v -> v.getName().equals(tmp.getName()) && v.getEmptyDir() != null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void memoryIsReservedAboveTheMeasuredResidentSetAndNeverOvercommitted(String layer, String name) {
        var resources = container(Repo.manifests(layer), name).getResources();
        var limit = resources.getLimits().get("memory");
        assertThat(Quantity.getAmountInBytes(limit)).isGreaterThan(Quantity.getAmountInBytes(MEASURED_RSS_UPPER));
        assertThat(resources.getRequests().get("memory")).isEqualTo(limit);
        assertThat(resources.getRequests()).containsKey("cpu");
        // the heap is 75% of the limit (-XX:MaxRAMPercentage in the image): it must leave at least 100 MiB for the rest
        var heap = Quantity.getAmountInBytes(limit).multiply(new BigDecimal("0.75"));
        assertThat(Quantity.getAmountInBytes(limit).subtract(heap))
                .isGreaterThanOrEqualTo(new BigDecimal(100L * 1024 * 1024));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void replicasSpreadAcrossZonesAndNodes(String layer, String name) {
        var deployment = deployment(Repo.manifests(layer), name);
        var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        var constraints = deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(constraints)
                .extracting(c -> c.getTopologyKey())
                .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        constraints.forEach(
                c -> assertThat(selects(c.getLabelSelector(), podLabels)).isTrue());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void autoscalerTargetsTheDeploymentAndTheDisruptionBudgetNeverBlocksADrain(String layer, String name) {
        var docs = Repo.manifests(layer);
        var deployment = deployment(docs, name);
        var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        var hpa = StrictModel.parse(Manifest.get(docs, "HorizontalPodAutoscaler", name), HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
        assertThat(hpa.getSpec().getMinReplicas())
                .isPositive()
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(deployment.getSpec().getReplicas())
                .isBetween(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
        // CPU utilisation needs a CPU request to be computed
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getResources()
                        .getRequests())
                .containsKey("cpu");

        var pdb = StrictModel.parse(Manifest.get(docs, "PodDisruptionBudget", name), PodDisruptionBudget.class);
        assertThat(selects(pdb.getSpec().getSelector(), podLabels)).isTrue();
        if (pdb.getSpec().getMinAvailable() != null) {
            assertThat(pdb.getSpec().getMinAvailable().getIntVal())
                    .as("minAvailable below the smallest replica count, or a node drain waits forever")
                    .isLessThan(hpa.getSpec().getMinReplicas());
        } else {
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.prodev.shop.deploy.Layers#layersAndServices")
    void runsTheImageThatTheImagesProfileBuildsForTheModule(String layer, String name) {
        var image = container(Repo.manifests(layer), name).getImage();
        assertThat(image).startsWith(ImageConfigTest.registry() + "/" + name + ":");
    }

    static Deployment deployment(List<Map<String, Object>> docs, String name) {
        return StrictModel.parse(Manifest.get(docs, "Deployment", name), Deployment.class);
    }

    static Container container(List<Map<String, Object>> docs, String name) {
        var containers =
                deployment(docs, name).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }

    static int resolvePort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()))
                .getContainerPort();
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return NetworkGraph.selects(selector, labels);
    }

    private static List<String> exposed(ServiceModule service) {
        var include = service.property("management.endpoints.web.exposure.include");
        return include == null
                ? List.of("health")
                : Arrays.stream(include.split(",")).map(String::trim).toList();
    }

    private static void assertProbe(Container container, HTTPGetAction probe, String path, ServiceModule service) {
        assertThat(probe.getPath()).isEqualTo(path);
        assertThat(resolvePort(container, probe.getPort())).isEqualTo(service.port());
    }
}
