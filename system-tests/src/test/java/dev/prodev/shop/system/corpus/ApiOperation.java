package dev.prodev.shop.system.corpus;

import dev.prodev.shop.system.support.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One operation the platform serves, as its OpenAPI document describes it: method, path template,
 * typed parameters and the request body's schema (with {@code $ref}s resolved against the same
 * document). {@link #discover()} reads the gateway's own document and each service's document
 * through the gateway ({@code /v3/api-docs/<name>}), so the corpus follows the API as it is
 * deployed, not a list kept by hand. {@code /graphql} is added: GraphQL is described by its schema.
 */
public record ApiOperation(
        String document, String method, String path, List<Param> params, JsonNode bodySchema, boolean bodyRequired) {

    /** A path, query or header parameter with its schema type and format ({@code null} when untyped). */
    public record Param(String in, String name, String type, String format) {}

    public static final List<String> DOCUMENTS =
            List.of("gateway", "users", "catalog", "orders", "payments", "notifications");

    /** HEAD and OPTIONS carry no body to check (HEAD) or are CORS preflights answered by the gateway (OPTIONS). */
    static final Set<String> SKIPPED_METHODS = Set.of("head", "options", "trace");

    /**
     * Reads the documents as {@code bearer} (the admin: the documents are public in dev today, and
     * an environment that restricts them to operators still serves them to the admin).
     */
    public static List<ApiOperation> discover(String bearer) {
        var operations = new ArrayList<ApiOperation>();
        for (var document : DOCUMENTS) {
            var response = Platform.get("/v3/api-docs/" + document, bearer);
            if (response.statusCode() != 200) {
                throw new AssertionError(
                        "OpenAPI document " + document + " not served: " + Platform.describe(response));
            }
            var root = Platform.json(response);
            for (var path : root.path("paths").properties()) {
                for (var entry : path.getValue().properties()) {
                    var method = entry.getKey();
                    if (SKIPPED_METHODS.contains(method) || "parameters".equals(method)) {
                        continue;
                    }
                    operations.add(
                            of(document, root, method.toUpperCase(Locale.ROOT), path.getKey(), entry.getValue()));
                }
            }
        }
        // GraphQL is routed by the gateway but described by its schema, not by OpenAPI
        operations.add(new ApiOperation("graphql", "POST", "/graphql", List.of(), null, true));
        return operations;
    }

    static ApiOperation of(String document, JsonNode root, String method, String path, JsonNode operation) {
        var params = new ArrayList<Param>();
        for (var param : operation.path("parameters")) {
            var schema = resolve(root, param.path("schema"));
            // springdoc lists resolver-injected arguments (@CurrentUser, the webhook's header map) as object
            // parameters; they are not part of the HTTP contract
            if (schema.path("type").isMissingNode()
                    || "object".equals(schema.path("type").asString())) {
                continue;
            }
            params.add(new Param(
                    param.path("in").asString(),
                    param.path("name").asString(),
                    schema.path("type").asString(),
                    schema.path("format").isMissingNode()
                            ? null
                            : schema.path("format").asString()));
        }
        JsonNode body = null;
        var requestBody = operation.path("requestBody");
        var json = requestBody.path("content").path("application/json").path("schema");
        if (!json.isMissingNode()) {
            body = inline(root, json, 0);
        }
        return new ApiOperation(
                document,
                method,
                path,
                List.copyOf(params),
                body,
                requestBody.path("required").asBoolean(body != null));
    }

    /** The schema with every {@code $ref} replaced by its target (depth-bounded against cycles). */
    static JsonNode inline(JsonNode root, JsonNode schema, int depth) {
        var resolved = resolve(root, schema).deepCopy();
        if (depth > 6 || !resolved.isObject()) {
            return resolved;
        }
        var object = (tools.jackson.databind.node.ObjectNode) resolved;
        if (object.has("properties")) {
            var properties = Platform.JSON.createObjectNode();
            for (var property : object.path("properties").properties()) {
                properties.set(property.getKey(), inline(root, property.getValue(), depth + 1));
            }
            object.set("properties", properties);
        }
        if (object.has("items")) {
            object.set("items", inline(root, object.path("items"), depth + 1));
        }
        return object;
    }

    static JsonNode resolve(JsonNode root, JsonNode schema) {
        var ref = schema.path("$ref");
        if (ref.isString() && ref.asString().startsWith("#/")) {
            var target = root;
            for (var part : ref.asString().substring(2).split("/")) {
                target = target.path(part);
            }
            return target;
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(root, schema.path("allOf").get(0));
        }
        return schema;
    }

    public List<Param> params(String in) {
        return params.stream().filter(p -> p.in().equals(in)).toList();
    }

    public boolean hasBody() {
        return bodySchema != null || "graphql".equals(document);
    }

    public String describe() {
        return method + " " + path;
    }
}
