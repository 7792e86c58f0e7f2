package dev.prodev.shop.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** RFC 6902 add / remove / replace / test on maps and lists, strict like kustomize: a missing path fails. */
final class JsonPatch {

    private JsonPatch() {}

    @SuppressWarnings("unchecked")
    static void apply(Map<String, Object> doc, Map<String, Object> op, String where) {
        var operation = (String) op.get("op");
        var path = (String) op.get("path");
        var tokens = new ArrayList<String>();
        for (var raw : path.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        Object parent = doc;
        for (var token : tokens.subList(0, tokens.size() - 1)) {
            parent = child(parent, token, where, path);
        }
        var last = tokens.getLast();
        var value = Yaml.copy(op.get("value"));
        switch (operation) {
            case "test" -> {
                var actual = child(parent, last, where, path);
                if (!Objects.equals(String.valueOf(actual), String.valueOf(value))) {
                    throw new IllegalStateException(
                            where + ": test " + path + " expected " + value + " but was " + actual);
                }
            }
            case "remove" -> {
                child(parent, last, where, path);
                if (parent instanceof Map<?, ?> map) {
                    map.remove(last);
                } else {
                    ((List<Object>) parent).remove(Integer.parseInt(last));
                }
            }
            case "replace" -> {
                child(parent, last, where, path);
                if (parent instanceof Map<?, ?> map) {
                    ((Map<String, Object>) map).put(last, value);
                } else {
                    ((List<Object>) parent).set(Integer.parseInt(last), value);
                }
            }
            case "add" -> {
                if (parent instanceof Map<?, ?> map) {
                    ((Map<String, Object>) map).put(last, value);
                } else if (parent instanceof List<?> list) {
                    if (last.equals("-")) {
                        ((List<Object>) list).add(value);
                    } else {
                        ((List<Object>) list).add(Integer.parseInt(last), value);
                    }
                } else {
                    throw new IllegalStateException(where + ": cannot add at " + path);
                }
            }
            default ->
                throw new IllegalStateException(
                        where + ": JSON patch op '" + operation + "' not supported by deploy-tests");
        }
    }

    private static Object child(Object parent, String token, String where, String path) {
        if (parent instanceof Map<?, ?> map && map.containsKey(token)) {
            return map.get(token);
        }
        if (parent instanceof List<?> list && token.matches("\\d+") && Integer.parseInt(token) < list.size()) {
            return list.get(Integer.parseInt(token));
        }
        throw new IllegalStateException(where + ": path " + path + " does not exist (at '" + token + "')");
    }
}
