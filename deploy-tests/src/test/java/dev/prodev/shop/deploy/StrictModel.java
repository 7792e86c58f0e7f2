package dev.prodev.shop.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Typed parsing of the built-in kinds with the fabric8 Kubernetes model, and of Strimzi's kinds
 * with Strimzi's model (built on it). Both models keep
 * unknown fields in {@code additionalProperties} instead of failing, so after binding we walk
 * the object graph and report every unknown field with its path: a misspelt
 * {@code readinesProbe} fails here instead of being dropped by the API server.
 */
final class StrictModel {

    /** apiVersion + kind of every built-in resource we ship, and the model class that must accept it. */
    static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** Strimzi's custom resources, parsed as strictly with Strimzi's own model (io.strimzi:api). */
    static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class);

    /** CloudNativePG publishes no Java model: its resources are checked field by field (PostgresTest) and by kubeconform in CI. */
    static final List<String> CUSTOM = List.of("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StrictModel() {}

    static String typeOf(Map<String, Object> doc) {
        return doc.get("apiVersion") + "/" + doc.get("kind");
    }

    static <T> T parse(Map<String, Object> doc, Class<T> type) {
        var value = MAPPER.convertValue(doc, type);
        var unknown = new ArrayList<String>();
        walk(value, Manifest.id(doc), unknown);
        if (!unknown.isEmpty()) {
            throw new AssertionError(Manifest.id(doc) + " has fields its schema does not know: "
                    + new java.util.LinkedHashSet<>(unknown));
        }
        return value;
    }

    static Object parse(Map<String, Object> doc) {
        var type = BUILT_IN.containsKey(typeOf(doc)) ? BUILT_IN.get(typeOf(doc)) : STRIMZI.get(typeOf(doc));
        if (type == null) {
            throw new AssertionError(Manifest.id(doc) + ": " + typeOf(doc) + " is not a kind deploy-tests knows");
        }
        return parse(doc, type);
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            int i = 0;
            for (var item : collection) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")
                && !value.getClass().getName().startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Yaml.map(child).keySet().forEach(k -> unknown.add(path + "." + k));
            } else {
                walk(child, path + "." + decapitalize(getter.getName().substring(3)), unknown);
            }
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
