package dev.prodev.shop.system.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client generated from the last released document keeps working against today's: no operation
 * removed, no response or parameter changed incompatibly (openapi-diff). The document is the
 * committed snapshot docs/api/openapi.json, or {@code -Dshop.api.document} (deploy/api/check passes
 * the one the gateway serves). A deliberate breaking change needs a new release baseline:
 * copy the document to docs/api/released/openapi.json in the same commit, and say so in it.
 * <p>
 * Named {@code *Check}, not {@code *Test}: it needs the aggregated document, so deploy/api/check
 * runs it (with the platform up in CI) rather than every {@code verify}.
 */
class ApiCompatibilityCheck {

    static final Path DOCUMENT = Path.of(System.getProperty("shop.api.document", "../docs/api/openapi.json"));
    static final Path RELEASED = Path.of(System.getProperty("shop.api.released", "../docs/api/released/openapi.json"));

    static List<String> breakingChanges(ChangedOpenApi diff) {
        var breaking = new ArrayList<String>();
        diff.getMissingEndpoints()
                .forEach(endpoint -> breaking.add("removed " + endpoint.getMethod() + " " + endpoint.getPathUrl()));
        diff.getChangedOperations().stream()
                .filter(operation -> operation.isChanged().isIncompatible())
                .forEach(operation -> breaking.add(
                        "changed incompatibly: " + operation.getHttpMethod() + " " + operation.getPathUrl()));
        if (breaking.isEmpty() && diff.isCoreChanged().isIncompatible()) {
            breaking.add("an incompatible change outside the operations (security, servers or components)");
        }
        return breaking;
    }

    @Test
    void todaysDocumentKeepsEveryReleasedOperationCompatible() throws Exception {
        var diff = OpenApiCompare.fromContents(Files.readString(RELEASED), Files.readString(DOCUMENT));
        assertThat(breakingChanges(diff))
                .as("breaking changes of %s against the release %s", DOCUMENT, RELEASED)
                .isEmpty();
    }

    @Test
    void removingAReleasedOperationIsCaught() throws Exception {
        var json = JsonMapper.builder().build();
        var released = Files.readString(RELEASED);
        var broken = (ObjectNode) json.readTree(released);
        var paths = (ObjectNode) broken.get("paths");
        var first = paths.propertyNames().iterator().next();
        paths.remove(first);

        var diff = OpenApiCompare.fromContents(released, json.writeValueAsString(broken));
        assertThat(breakingChanges(diff))
                .anySatisfy(change -> assertThat(change).contains(first));
    }
}
