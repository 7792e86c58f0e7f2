package dev.prodev.shop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No schema breaks its released version (issue #14, docs/events.md): every schema of the last release
 * (test resources {@code released-schemas/}, refreshed at release) still exists and the current one
 * only adds to it. The checker itself is tested on small crafted schemas.
 */
class SchemaCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<String> releasedTypes() throws IOException, URISyntaxException {
        var dir = Path.of(SchemaCompatibilityTest.class
                .getClassLoader()
                .getResource("released-schemas")
                .toURI());
        try (var files = Files.list(dir)) {
            return files
                    .map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : JSON.readTree(in);
        }
    }

    @Test
    void everyCurrentTypeHasAReleasedSchemaOrIsNew() throws Exception {
        assertThat(releasedTypes().toList()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedTypes")
    void theCurrentSchemaDoesNotBreakTheReleasedOne(String type) throws IOException {
        var current = resource(EventSchemas.resourcePath(type));
        assertThat(current).as("schema of released type %s was removed", type).isNotNull();
        assertThat(EventTypes.isKnown(type))
                .as("released type %s is no longer in EventTypes", type)
                .isTrue();
        assertThat(SchemaCompatibility.breakingChanges(resource("released-schemas/" + type + ".json"), current))
                .as("breaking changes of %s against the last release (make a .v2 instead)", type)
                .isEmpty();
    }

    private static final String RELEASED = """
            {"type":"object",
             "properties":{
               "orderId":{"type":"string","format":"uuid"},
               "status":{"type":"string","enum":["ACTIVE","DISCONTINUED"]},
               "lines":{"type":"array","items":{"$ref":"#/$defs/Line"}},
               "note":{"type":"string"}},
             "required":["orderId","status","lines"],
             "additionalProperties":false,
             "$defs":{"Line":{"type":"object","properties":{"quantity":{"type":"integer"}},"required":["quantity"]}}}
            """;

    private static JsonNode edited(String from, String to) {
        var text = RELEASED.replace(from, to);
        assertThat(text).as("crafted edit applies").isNotEqualTo(RELEASED);
        return JSON.readTree(text);
    }

    private static Stream<String> breaks(JsonNode current) {
        return SchemaCompatibility.breakingChanges(JSON.readTree(RELEASED), current).stream();
    }

    @Test
    void theSameSchemaIsCompatible() {
        assertThat(breaks(JSON.readTree(RELEASED))).isEmpty();
    }

    @Test
    void additiveChangesPass() {
        var current = edited(
                        "\"note\":{\"type\":\"string\"}",
                        "\"note\":{\"type\":\"string\"},\"giftWrap\":{\"type\":\"boolean\"}")
                .deepCopy();
        var widened = JSON.readTree(
                JSON.writeValueAsString(current).replace("\"DISCONTINUED\"]", "\"DISCONTINUED\",\"DRAFT\"]"));
        assertThat(breaks(widened)).isEmpty();
    }

    @Test
    void aRemovedOrRenamedRequiredFieldFails() {
        assertThat(breaks(edited("\"orderId\":{", "\"orderRef\":{").deepCopy()))
                .anyMatch(b -> b.contains("required property orderId removed or renamed"));
        assertThat(breaks(edited("\"properties\":{\"quantity\"", "\"properties\":{\"qty\"")))
                .anyMatch(b -> b.contains("Line") && b.contains("quantity removed"));
    }

    @Test
    void aNewlyRequiredFieldFails() {
        assertThat(breaks(edited("\"required\":[\"orderId\",", "\"required\":[\"note\",\"orderId\",")))
                .anyMatch(b -> b.contains("note is newly required"));
    }

    @Test
    void aChangedTypeOrFormatFails() {
        assertThat(breaks(edited("\"quantity\":{\"type\":\"integer\"}", "\"quantity\":{\"type\":\"string\"}")))
                .anyMatch(b -> b.contains("$defs/Line.quantity: type changed"));
        assertThat(breaks(edited("\"format\":\"uuid\"", "\"format\":\"uri\"")))
                .anyMatch(b -> b.contains("$.orderId: format changed"));
    }

    @Test
    void aNarrowedEnumFails() {
        assertThat(breaks(edited("[\"ACTIVE\",\"DISCONTINUED\"]", "[\"ACTIVE\"]")))
                .anyMatch(b -> b.contains("$.status: enum value \"DISCONTINUED\" removed"));
    }
}
