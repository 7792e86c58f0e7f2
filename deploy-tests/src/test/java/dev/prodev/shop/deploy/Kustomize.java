package dev.prodev.shop.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of kustomize our manifests use, so the tests check what {@code kubectl apply -k}
 * would apply without needing kustomize on the build machine: resources (files and
 * directories), configMapGenerator (behavior create or replace), namespace, images and JSON 6902
 * patches with targets.
 * Any other kustomization field fails the build instead of being silently ignored
 * (CI additionally renders with the real kustomize and validates with kubeconform).
 */
final class Kustomize {

    private static final Set<String> SUPPORTED =
            Set.of("apiVersion", "kind", "namespace", "resources", "configMapGenerator", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {}

    /** Renders the kustomization in {@code dir}. Generated ConfigMaps keep their plain name (no hash suffix). */
    static List<Map<String, Object>> build(Path dir) {
        var kustomization = Yaml.readOne(dir.resolve("kustomization.yaml"));
        var unsupported = new ArrayList<>(kustomization.keySet());
        unsupported.removeAll(SUPPORTED);
        if (!unsupported.isEmpty()) {
            throw new IllegalStateException(dir + "/kustomization.yaml uses " + unsupported
                    + ", which deploy-tests cannot render; extend Kustomize.java or use a supported field");
        }
        var docs = new ArrayList<Map<String, Object>>();
        for (var resource : Yaml.list(kustomization.get("resources"))) {
            var path = dir.resolve((String) resource).normalize();
            if (Files.isDirectory(path)) {
                docs.addAll(build(path));
            } else {
                docs.addAll(Yaml.readAll(path));
            }
        }
        for (var generator : Yaml.list(kustomization.get("configMapGenerator"))) {
            var spec = Yaml.map(generator);
            var behavior = (String) spec.getOrDefault("behavior", "create");
            var existing = docs.stream()
                    .filter(d -> "ConfigMap".equals(d.get("kind"))
                            && spec.get("name").equals(Manifest.name(d)))
                    .findFirst();
            switch (behavior) {
                case "create" -> {
                    if (existing.isPresent()) {
                        throw new IllegalStateException(dir + ": configMapGenerator " + spec.get("name")
                                + " already exists in a resource (use behavior: replace or merge)");
                    }
                }
                // an overlay swaps the base's generated ConfigMap for its own (kustomize's behavior: replace)
                case "replace" ->
                    docs.remove(existing.orElseThrow(() -> new IllegalStateException(dir + ": configMapGenerator "
                            + spec.get("name") + " has behavior replace but no base ConfigMap")));
                default ->
                    throw new IllegalStateException(
                            dir + ": configMapGenerator behavior " + behavior + " is not supported by deploy-tests");
            }
            docs.add(configMap(dir, spec));
        }
        for (var patch : Yaml.list(kustomization.get("patches"))) {
            applyPatch(dir, Yaml.map(patch), docs);
        }
        var namespace = (String) kustomization.get("namespace");
        if (namespace != null) {
            docs.stream()
                    .filter(d -> !CLUSTER_SCOPED.contains(d.get("kind")))
                    .forEach(d -> Yaml.map(d.get("metadata")).put("namespace", namespace));
        }
        for (var image : Yaml.list(kustomization.get("images"))) {
            setImage(Yaml.map(image), docs);
        }
        return docs;
    }

    private static Map<String, Object> configMap(Path dir, Map<String, Object> generator) {
        var data = new LinkedHashMap<String, Object>();
        for (var file : Yaml.list(generator.get("files"))) {
            var spec = (String) file;
            var key = spec.contains("=")
                    ? spec.substring(0, spec.indexOf('='))
                    : Path.of(spec).getFileName().toString();
            var source = dir.resolve(spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec)
                    .normalize();
            if (!Files.isRegularFile(source)) {
                throw new IllegalStateException(
                        "configMapGenerator " + generator.get("name") + " reads " + source + ", which does not exist");
            }
            data.put(key, Yaml.text(source));
        }
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("name", generator.get("name"));
        var labels = Yaml.map(Yaml.map(generator.get("options")).get("labels"));
        if (!labels.isEmpty()) {
            metadata.put("labels", new LinkedHashMap<>(labels));
        }
        var cm = new LinkedHashMap<String, Object>();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.put("metadata", metadata);
        cm.put("data", data);
        return cm;
    }

    private static void applyPatch(Path dir, Map<String, Object> patch, List<Map<String, Object>> docs) {
        var target = Yaml.map(patch.get("target"));
        var text = patch.containsKey("path")
                ? Yaml.text(dir.resolve((String) patch.get("path")))
                : (String) patch.get("patch");
        var parsed = Yaml.parse(text);
        if (!(parsed instanceof List<?> ops)) {
            throw new IllegalStateException(
                    dir + ": only JSON 6902 patches (a list of operations) are supported: " + text);
        }
        var matched = docs.stream().filter(d -> matches(target, d)).toList();
        if (matched.isEmpty()) {
            throw new IllegalStateException(dir + ": patch target " + target + " matches no resource");
        }
        for (var doc : matched) {
            for (var op : ops) {
                JsonPatch.apply(doc, Yaml.map(op), dir + " patch " + target + " on " + Manifest.id(doc));
            }
        }
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> doc) {
        if (target.containsKey("kind") && !target.get("kind").equals(doc.get("kind"))) {
            return false;
        }
        var metadata = Yaml.map(doc.get("metadata"));
        if (target.containsKey("name") && !target.get("name").equals(metadata.get("name"))) {
            return false;
        }
        var selector = (String) target.get("labelSelector");
        if (selector != null) {
            var labels = Yaml.map(metadata.get("labels"));
            for (var term : selector.split(",")) {
                var m = Pattern.compile("\\s*([^!=\\s]+)\\s*(!=|==|=)\\s*(\\S*)\\s*")
                        .matcher(term);
                if (!m.matches()) {
                    throw new IllegalStateException("label selector term not supported by deploy-tests: " + term);
                }
                var equal = String.valueOf(m.group(3)).equals(labels.get(m.group(1)));
                if (m.group(2).equals("!=") == equal) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void setImage(Map<String, Object> image, List<Map<String, Object>> docs) {
        var name = (String) image.get("name");
        for (var doc : docs) {
            for (var container : Manifest.containers(doc)) {
                var current = (String) container.get("image");
                var slash = current.lastIndexOf('/');
                var colon = current.indexOf(':', slash + 1);
                var repository = colon < 0 ? current : current.substring(0, colon);
                var tag = colon < 0 ? null : current.substring(colon + 1);
                if (repository.equals(name)) {
                    var newName = (String) image.getOrDefault("newName", repository);
                    var newTag = image.containsKey("newTag") ? String.valueOf(image.get("newTag")) : tag;
                    container.put("image", newTag == null ? newName : newName + ":" + newTag);
                }
            }
        }
    }
}
