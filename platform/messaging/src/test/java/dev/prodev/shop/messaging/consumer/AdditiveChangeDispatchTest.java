package dev.prodev.shop.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.EventTypes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue #14 finding 6: a producer that adds a field within a version (a rolling deploy) must not send
 * its events to the dead letters. Every type goes through the one consumer path with an unknown field
 * in every object of its data, and is applied.
 */
class AdditiveChangeDispatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<String> types() {
        return EventTypes.ALL.keySet().stream();
    }

    private static void addField(JsonNode node) {
        for (var child : node) {
            addField(child);
        }
        if (node instanceof ObjectNode object) {
            object.put("addedInARollingDeploy", "x");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void aV1EventWithAnAddedFieldIsAppliedNotDeadLettered(String type) {
        var definition = EventTypes.of(type);
        var data = JSON.readTree(EventSchemas.examples(type).getFirst());
        addField(data);
        var applied = new ArrayList<Object>();
        var handlers = EventHandlers.consumer("test.additive", definition.topic())
                .on(definition.dataClass(), received -> applied.add(received))
                .build();
        var inbox = new EventDispatcherTest.MemoryInbox();
        var dispatcher = new EventDispatcher(
                inbox,
                new TransactionTemplate(new EventDispatcherTest.CountingTransactions()),
                new SimpleMeterRegistry(),
                false,
                Map.of());
        var id = UUID.randomUUID();

        dispatcher.dispatch(
                handlers,
                EventDispatcherTest.record(definition.topic(), id, type, "test-service", JSON.writeValueAsBytes(data)));

        assertThat(applied)
                .singleElement()
                .isEqualTo(JSON.readValue(EventSchemas.examples(type).getFirst(), definition.dataClass()));
        assertThat(inbox.seen).isEqualTo(java.util.Set.of("test.additive/" + id));
    }
}
