package dev.prodev.shop.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** YAML as plain maps and lists (the way kubectl sees a file before it knows the kind). */
final class Yaml {

    static final ObjectMapper MAPPER = new YAMLMapper();

    private Yaml() {}

    /** Every non-empty document of a (multi-document) YAML file. */
    static List<Map<String, Object>> readAll(Path file) {
        try (MappingIterator<Map<String, Object>> it = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {})
                .readValues(new YAMLFactory().createParser(file.toFile()))) {
            var docs = new ArrayList<Map<String, Object>>();
            while (it.hasNext()) {
                var doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static Map<String, Object> readOne(Path file) {
        var docs = readAll(file);
        return docs.isEmpty() ? Map.of() : docs.getFirst();
    }

    static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML:\n" + text, e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deep copy, so a patch of one overlay never leaks into the base another test reads. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            var out = new ArrayList<Object>();
            list.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    /** The value at a dotted path ("spec.template.spec"), or null. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String dottedPath) {
        Object current = root;
        for (var key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return (T) current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
