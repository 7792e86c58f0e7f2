package dev.prodev.shop.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas (draft 2020-12) of every event type's {@code data}, from
 * {@code classpath:schemas/<type>.json}. Producers assert their events with {@link #validate}
 * in tests; consumers read {@link #examples} to prove they can parse what the contract allows.
 *
 * <p>Uses networknt's validator, which works on Jackson 2 trees internally; callers only pass bytes.
 */
public final class EventSchemas {

    /** Base of every schema's {@code $id}, also sent as the CloudEvents {@code dataschema}. */
    public static final String SCHEMA_BASE_URI = "https://schemas.prodev.shop/events/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

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
        if (!EventTypes.isKnown(type)) {
            return List.of("unknown event type: " + type);
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        }
        catch (IOException | RuntimeException ex) {
            return List.of("not JSON: " + ex.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("not JSON: empty");
        }
        return schema(type).validate(node).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage)
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
            try {
                examples.add(JSON.writeValueAsBytes(example));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return examples;
    }

    private static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> FACTORY.getSchema(schemaNode(t), CONFIG));
    }

    private static JsonNode schemaNode(String type) {
        EventTypes.of(type);
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resourcePath(type))) {
            if (in == null) {
                throw new IllegalStateException("no schema on the classpath at " + resourcePath(type));
            }
            return JSON.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + resourcePath(type), ex);
        }
    }
}
