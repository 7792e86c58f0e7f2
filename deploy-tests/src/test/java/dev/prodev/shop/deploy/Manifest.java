package dev.prodev.shop.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Helpers over one rendered manifest (a map as parsed from YAML). */
final class Manifest {

    private Manifest() {}

    static String kind(Map<String, Object> doc) {
        return (String) doc.get("kind");
    }

    static String name(Map<String, Object> doc) {
        return Yaml.at(doc, "metadata.name");
    }

    static String id(Map<String, Object> doc) {
        return kind(doc) + "/" + name(doc);
    }

    static Map<String, String> labels(Map<String, Object> doc) {
        return strings(Yaml.at(doc, "metadata.labels"));
    }

    static Map<String, String> podLabels(Map<String, Object> doc) {
        return strings(Yaml.at(doc, "spec.template.metadata.labels"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> strings(Object map) {
        var out = new java.util.LinkedHashMap<String, String>();
        Yaml.map(map).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** The containers of a workload's pod template (empty for other kinds). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(Map<String, Object> doc) {
        var out = new ArrayList<Map<String, Object>>();
        var podSpec = Yaml.map(Yaml.at(doc, "spec.template.spec"));
        for (var key : List.of("initContainers", "containers")) {
            Yaml.list(podSpec.get(key)).forEach(c -> out.add((Map<String, Object>) c));
        }
        return out;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(kind(d))).toList();
    }

    static Optional<Map<String, Object>> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(kind(d)) && name.equals(name(d)))
                .findFirst();
    }

    static Map<String, Object> get(List<Map<String, Object>> docs, String kind, String name) {
        return find(docs, kind, name)
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in the manifests"));
    }
}
