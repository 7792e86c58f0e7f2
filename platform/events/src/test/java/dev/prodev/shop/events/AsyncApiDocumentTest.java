package dev.prodev.shop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/asyncapi.yaml describes every event type and topic the code knows, with schemas that exist. */
class AsyncApiDocumentTest {

    private static final Path DOCS = Path.of("../../docs");
    private static final Pattern TYPE = Pattern.compile("shop\\.[a-z.-]+\\.v\\d+");

    private static Map<String, Object> document;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        try (var in = Files.newInputStream(DOCS.resolve("asyncapi.yaml"))) {
            document = (Map<String, Object>) new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> section(String... path) {
        Object node = document;
        for (var key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return (Map<String, Map<String, Object>>) node;
    }

    /** Every public String constant of the events package that looks like a CloudEvents type. */
    private static Set<String> typeConstantsInCode() throws Exception {
        var root = Path.of(EventTypes.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        var constants = new HashSet<String>();
        try (var files = Files.walk(root)) {
            for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                var name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                var type = Class.forName(name);
                for (var field : type.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (field.getType() == String.class
                            && Modifier.isStatic(modifiers)
                            && Modifier.isPublic(modifiers)
                            && Modifier.isFinal(modifiers)) {
                        var value = (String) field.get(null);
                        if (TYPE.matcher(value).matches()) {
                            constants.add(value);
                        }
                    }
                }
            }
        }
        return constants;
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
    }

    @Test
    void everyEventTypeConstantIsAMessageOfTheDocument() throws Exception {
        var constants = typeConstantsInCode();
        assertThat(constants).hasSizeGreaterThanOrEqualTo(20).containsAll(EventTypes.ALL.keySet());
        var messageNames = section("components", "messages").values().stream()
                .map(message -> (String) message.get("name"))
                .collect(Collectors.toSet());
        assertThat(messageNames).containsAll(constants);
        assertThat(EventTypes.ALL.keySet())
                .as("the document names no unknown type")
                .containsAll(messageNames);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMessagePayloadReferencesItsTypesSchemaFile() {
        section("components", "messages").forEach((id, message) -> {
            var payload = (Map<String, Object>) message.get("payload");
            assertThat(payload.get("schemaFormat")).as(id).isEqualTo("application/schema+json;version=draft-2020-12");
            var ref = (String) ((Map<String, Object>) payload.get("schema")).get("$ref");
            assertThat(DOCS.resolve(ref)).as(id + " -> " + ref).isRegularFile();
            assertThat(ref).as(id).endsWith("/" + EventSchemas.resourcePath((String) message.get("name")));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void channelsAreExactlyTheTopicsAndCarryEachTypeOnItsTopic() {
        var channels = section("channels");
        var addresses = channels.values().stream()
                .map(channel -> (String) channel.get("address"))
                .toList();
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL.keySet());
        var messages = section("components", "messages");
        channels.values().forEach(channel -> {
            var topic = (String) channel.get("address");
            var partitions = ((Map<String, Map<String, Object>>) channel.get("bindings"))
                    .get("kafka")
                    .get("partitions");
            assertThat(partitions).as(topic).isEqualTo(Topics.ALL.get(topic));
            for (var ref : ((Map<String, Map<String, String>>) channel.get("messages")).values()) {
                var id = ref.get("$ref").substring(ref.get("$ref").lastIndexOf('/') + 1);
                var type = (String) messages.get(id).get("name");
                assertThat(EventTypes.of(type).topic()).as(type).isEqualTo(topic);
            }
        });
        var carried = channels.values().stream()
                .flatMap(channel -> ((Map<String, Object>) channel.get("messages")).keySet().stream())
                .collect(Collectors.toSet());
        assertThat(carried).as("every message is on a channel").containsAll(messages.keySet());
        assertThat(List.copyOf(section("operations").keySet())).isNotEmpty();
    }
}
