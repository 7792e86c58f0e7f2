package dev.prodev.shop.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Finds the breaking changes between a released JSON Schema and its current version (docs/events.md):
 * a removed property, a newly required one, a changed type or format, a narrowed enum. Additive
 * changes (an optional property, a widened enum or type) are not reported. Walks {@code properties},
 * {@code items} and {@code $defs}; a {@code $ref} is compared as text (a retargeted ref is breaking).
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {}

    /** The breaking changes from {@code released} to {@code current}, each naming where; empty when compatible. */
    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        var breaks = new ArrayList<String>();
        compare("$", released, current, breaks);
        return breaks;
    }

    private static void compare(String where, JsonNode released, JsonNode current, List<String> breaks) {
        var oldTypes = types(released);
        var newTypes = types(current);
        if (!oldTypes.isEmpty() && !newTypes.containsAll(oldTypes)) {
            breaks.add(where + ": type changed from " + oldTypes + " to " + (newTypes.isEmpty() ? "any" : newTypes));
        }
        if (!released.path("format").asString("").equals(current.path("format").asString(""))
                && released.has("format")) {
            breaks.add(
                    where + ": format changed from " + released.path("format").asString() + " to "
                            + current.path("format").asString("none"));
        }
        if (!released.path("$ref").asString("").equals(current.path("$ref").asString(""))) {
            breaks.add(where + ": $ref changed from " + released.path("$ref").asString("none") + " to "
                    + current.path("$ref").asString("none"));
        }
        if (released.has("enum")) {
            var newValues = values(current.path("enum"));
            for (var value : values(released.path("enum"))) {
                if (current.has("enum") && !newValues.contains(value)) {
                    breaks.add(where + ": enum value " + value + " removed");
                }
            }
        }
        var oldRequired = strings(released.path("required"));
        for (var name : strings(current.path("required"))) {
            if (!oldRequired.contains(name)) {
                breaks.add(where + ": property " + name + " is newly required");
            }
        }
        var oldProperties = released.path("properties");
        var newProperties = current.path("properties");
        for (var name : oldProperties.propertyNames()) {
            if (!newProperties.has(name)) {
                breaks.add(where + ": " + (oldRequired.contains(name) ? "required " : "") + "property " + name
                        + " removed or renamed");
            } else {
                compare(where + "." + name, oldProperties.path(name), newProperties.path(name), breaks);
            }
        }
        if (released.has("items")) {
            compare(where + "[]", released.path("items"), current.path("items"), breaks);
        }
        var oldDefs = released.path("$defs");
        for (var name : oldDefs.propertyNames()) {
            if (!current.path("$defs").has(name)) {
                breaks.add(where + ": $defs/" + name + " removed");
            } else {
                compare(
                        "#/$defs/" + name,
                        oldDefs.path(name),
                        current.path("$defs").path(name),
                        breaks);
            }
        }
    }

    private static Set<String> types(JsonNode schema) {
        var type = schema.path("type");
        if (type.isString()) {
            return Set.of(type.asString());
        }
        return strings(type);
    }

    private static Set<String> strings(JsonNode array) {
        var strings = new LinkedHashSet<String>();
        for (var item : array) {
            strings.add(item.asString());
        }
        return strings;
    }

    private static Set<String> values(JsonNode array) {
        var values = new LinkedHashSet<String>();
        for (var item : array) {
            values.add(item.toString());
        }
        return values;
    }
}
