package dev.prodev.shop.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas (draft 2020-12) of every event type's {@code data}, from
 * {@code classpath:schemas/<type>.json}. Producers assert their events with {@link #validate}
 * in tests; consumers read {@link #examples} to prove they can parse what the contract allows.
 *
 * <p>Uses networknt's validator (3.x), which works on Jackson 3 trees like the rest of Boot 4; callers
 * only pass bytes. Validation is strict on purpose: {@code format} is asserted (not just annotated,
 * the 2020-12 default) and each schema's own {@code additionalProperties} applies, so a producer
 * cannot publish what the contract does not allow. Consumers use {@link #validateIncoming}, which
 * tolerates unknown properties (docs/events.md: producers strict, consumers tolerant).
 */
public final class EventSchemas {

    /** Base of every schema's {@code $id}, also sent as the CloudEvents {@code dataschema}. */
    public static final String SCHEMA_BASE_URI = "https://schemas.prodev.shop/events/";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    // "$.lines[0].quantity" as 1.x wrote it (3.x defaults to JSON Pointer, "/lines/0/quantity")
                    .pathType(PathType.JSON_PATH)
                    .build()));
    /** A registry of its own for the tolerant copies: they carry the same {@code $id} as the strict schemas. */
    private static final SchemaRegistry TOLERANT_REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_PATH)
                    .build()));

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final Map<String, Schema> TOLERANT_SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {}

    /** Classpath location of {@code type}'s schema. */
    public static String resourcePath(String type) {
        return "schemas/" + type + ".json";
    }

    /** The {@code dataschema} URI of {@code type} (equal to its schema's {@code $id}). */
    public static URI dataschema(String type) {
        return URI.create(SCHEMA_BASE_URI + type + ".json");
    }

    /**
     * Validates {@code json} as the data of an event of {@code type}. Returns the errors, empty
     * when valid; an unknown type or bytes that are not JSON are errors too, never exceptions.
     */
    public static List<String> validate(String type, byte[] json) {
        return validate(type, json, false);
    }

    /**
     * Validates {@code json} as a consumer reads it: like {@link #validate} but unknown properties are
     * allowed at every level ({@code additionalProperties: false} is dropped from a copy of the schema).
     * A producer that adds a field during a rolling deploy must not send every such event to the dead
     * letters; everything else the contract says (required fields, types, formats, enums) still holds.
     */
    public static List<String> validateIncoming(String type, byte[] json) {
        return validate(type, json, true);
    }

    /** Like {@link #validateIncoming} but throws {@link InvalidEventException} (a non-retryable error) when invalid. */
    public static void requireValidIncoming(String type, byte[] json) {
        var errors = validateIncoming(type, json);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(type, errors);
        }
    }

    private static List<String> validate(String type, byte[] json, boolean tolerant) {
        if (!EventTypes.isKnown(type)) {
            return List.of("unknown event type: " + type);
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (RuntimeException ex) {
            return List.of("not JSON: " + ex.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("not JSON: empty");
        }
        var schema = tolerant
                ? TOLERANT_SCHEMAS.computeIfAbsent(type, t -> TOLERANT_REGISTRY.getSchema(tolerant(schemaNode(t))))
                : schema(type);
        return schema.validate(node).stream()
                .map(EventSchemas::describe)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** Like {@link #validate} but throws {@link InvalidEventException} (a non-retryable error) when invalid. */
    public static void requireValid(String type, byte[] json) {
        var errors = validate(type, json);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(type, errors);
        }
    }

    /** The schema's {@code examples}, each as JSON bytes: what every consumer of {@code type} must accept. */
    public static List<byte[]> examples(String type) {
        var examples = new ArrayList<byte[]>();
        for (var example : schemaNode(type).path("examples")) {
            examples.add(JSON.writeValueAsBytes(example));
        }
        return examples;
    }

    /**
     * One error as 1.x worded it: where in the data ({@code $.lines[0].quantity}), then what is wrong
     * (3.x's message no longer carries the location itself).
     */
    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    private static Schema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> REGISTRY.getSchema(schemaNode(t)));
    }

    /** A copy of {@code schema} without any closed-object keyword, so unknown properties pass. */
    static JsonNode tolerant(JsonNode schema) {
        var copy = schema.deepCopy();
        open(copy);
        return copy;
    }

    private static void open(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (var keyword : List.of("additionalProperties", "unevaluatedProperties")) {
                if (object.path(keyword).isBoolean() && !object.path(keyword).booleanValue()) {
                    object.remove(keyword);
                }
            }
        }
        for (var child : node) {
            open(child);
        }
    }

    private static JsonNode schemaNode(String type) {
        EventTypes.of(type);
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resourcePath(type))) {
            if (in == null) {
                throw new IllegalStateException("no schema on the classpath at " + resourcePath(type));
            }
            return JSON.readTree(in);
        } catch (IOException | JacksonException ex) {
            throw new UncheckedIOException(
                    "cannot read " + resourcePath(type), ex instanceof IOException io ? io : new IOException(ex));
        }
    }
}
