package dev.prodev.shop.gateway.openapi;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.webflux.api.OpenApiWebfluxResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenAPI document for the whole shop at {@code GET /v3/api-docs}, with the gateway as its
 * server: the paths and components of every service's document (and the gateway's own admin API),
 * read over HTTP, merged, and cached for {@code cache-for}. A service that does not answer in
 * {@code timeout} is left out of that copy and named under {@code x-unavailable-documents} (the
 * rest of the shop stays documented); such an incomplete copy is cached only briefly.
 * <p>
 * Hand-written rather than springdoc's because springdoc only groups the operations of one
 * application; the per-service documents stay at {@code /v3/api-docs/<service>} (ADR 0026).
 */
@RestController
public class AggregatedApiDocs {

    private static final Logger log = LoggerFactory.getLogger(AggregatedApiDocs.class);

    static final String GATEWAY = "gateway";

    /** Component sections merged by name; a clash with a different definition is renamed. */
    static final List<String> SECTIONS =
            List.of("schemas", "responses", "parameters", "headers", "requestBodies", "securitySchemes");

    private static final Duration RETRY_INCOMPLETE = Duration.ofSeconds(2);

    private final ApiDocsProperties properties;

    private final ObjectProvider<OpenApiWebfluxResource> springdoc;

    private final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http;

    private volatile Cached cached;

    record Cached(byte[] body, long expiresAtNanos) {}

    public AggregatedApiDocs(ApiDocsProperties properties, ObjectProvider<OpenApiWebfluxResource> springdoc) {
        this.properties = properties;
        this.springdoc = springdoc;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    @io.swagger.v3.oas.annotations.Hidden
    public Mono<ResponseEntity<byte[]>> document(ServerHttpRequest request) {
        var current = cached;
        if (current != null && System.nanoTime() < current.expiresAtNanos()) {
            return Mono.just(ok(current.body()));
        }
        return Flux.fromIterable(properties.services().entrySet())
                .flatMapSequential(source -> fetch(source.getKey(), URI.create(source.getValue() + "/v3/api-docs")))
                .concatWith(own(request))
                .collectList()
                .map(documents -> {
                    var merged = merge(documents);
                    var body = json.writeValueAsBytes(merged);
                    var complete = !merged.has("x-unavailable-documents");
                    var ttl = complete ? properties.cacheFor() : RETRY_INCOMPLETE;
                    cached = new Cached(body, System.nanoTime() + ttl.toNanos());
                    return ok(body);
                });
    }

    private static ResponseEntity<byte[]> ok(byte[] body) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-cache")
                .body(body);
    }

    /** The gateway's own document, generated in-process by springdoc (no HTTP call to itself). */
    private Mono<Fetched> own(ServerHttpRequest request) {
        var resource = springdoc.getIfAvailable();
        if (resource == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
                    try {
                        return resource.openapiJson(request, "/v3/api-docs/" + GATEWAY, Locale.ROOT);
                    } catch (Exception ex) {
                        return Mono.error(ex);
                    }
                })
                .map(body -> new Fetched(GATEWAY, json.readTree(body)))
                .onErrorResume(failure -> {
                    log.warn("left the gateway's own API out of the aggregated API document: {}", failure.toString());
                    return Mono.just(new Fetched(GATEWAY, null));
                });
    }

    record Fetched(String name, JsonNode document) {}

    private Mono<Fetched> fetch(String name, URI uri) {
        var request = HttpRequest.newBuilder(uri)
                .timeout(properties.timeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return new Fetched(name, json.readTree(response.body()));
                })
                .onErrorResume(failure -> {
                    log.warn("left {} out of the aggregated API document: {}", name, failure.toString());
                    return Mono.just(new Fetched(name, null));
                });
    }

    ObjectNode merge(List<Fetched> documents) {
        var merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info")
                .put("title", properties.title())
                .put("version", properties.version())
                .put("description", properties.description());
        merged.putArray("servers")
                .addObject()
                .put("url", properties.serverUrl())
                .put("description", "the gateway");
        var tags = merged.putArray("tags");
        var paths = merged.putObject("paths");
        var components = merged.putObject("components");
        var unavailable = new ArrayList<String>();
        var tagNames = new java.util.HashSet<String>();
        var operationIds = new java.util.HashSet<String>();
        for (var fetched : documents) {
            if (fetched.document() == null) {
                unavailable.add(fetched.name());
                continue;
            }
            var document = renameClashes(fetched.name(), fetched.document().deepCopy(), components);
            document.path("components").properties().forEach(section -> {
                var target = components.has(section.getKey())
                        ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().properties().forEach(entry -> target.set(entry.getKey(), entry.getValue()));
            });
            document.path("paths").properties().forEach(path -> {
                if (paths.has(path.getKey())) {
                    log.warn(
                            "{} documents {} again; the first document's operations are kept",
                            fetched.name(),
                            path.getKey());
                } else {
                    uniqueOperationIds(fetched.name(), path.getValue(), operationIds);
                    paths.set(path.getKey(), path.getValue());
                }
            });
            for (var tag : document.path("tags")) {
                if (tagNames.add(tag.path("name").asString())) {
                    tags.add(tag);
                }
            }
            for (var path : document.path("paths")) {
                for (var operation : path) {
                    for (var tag : operation.path("tags")) {
                        if (tagNames.add(tag.asString())) {
                            tags.addObject()
                                    .put("name", tag.asString())
                                    .put("description", "Operations on " + tag.asString() + ".");
                        }
                    }
                }
            }
        }
        if (!unavailable.isEmpty()) {
            var missing = merged.putArray("x-unavailable-documents");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    /**
     * Every service documents the shared admin operations (dead letters, parked outbox rows) under the
     * same operationId; a generated client needs them unique, so a taken one becomes {@code
     * <service>_<operationId>}.
     */
    private static void uniqueOperationIds(String service, JsonNode pathItem, java.util.Set<String> taken) {
        for (var method : HTTP_METHODS) {
            if (pathItem.get(method) instanceof ObjectNode operation && operation.has("operationId")) {
                var id = operation.get("operationId").asString();
                if (!taken.add(id)) {
                    id = service.replaceAll("[^A-Za-z0-9]", "") + "_" + id;
                    taken.add(id);
                    operation.put("operationId", id);
                }
            }
        }
    }

    private static final List<String> HTTP_METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /**
     * A component whose name is already taken by a different definition (two services' {@code
     * ItemView}s) is renamed {@code <service>_<name>}, and the document's references follow.
     */
    private ObjectNode renameClashes(String service, JsonNode document, ObjectNode merged) {
        var renames = new LinkedHashMap<String, String>();
        for (var section : SECTIONS) {
            var mine = document.path("components").path(section);
            var taken = merged.path(section);
            for (var name : mine.propertyNames()) {
                if (taken.has(name) && !taken.get(name).equals(mine.get(name))) {
                    renames.put(section + "/" + name, service + "_" + name);
                }
            }
        }
        if (renames.isEmpty()) {
            return (ObjectNode) document;
        }
        var text = json.writeValueAsString(document);
        for (var rename : renames.entrySet()) {
            var section = rename.getKey().substring(0, rename.getKey().indexOf('/'));
            text = text.replace(
                    "\"#/components/" + rename.getKey() + "\"",
                    "\"#/components/" + section + "/" + rename.getValue() + "\"");
        }
        var renamed = (ObjectNode) json.readTree(text);
        for (var rename : renames.entrySet()) {
            var slash = rename.getKey().indexOf('/');
            var section =
                    (ObjectNode) renamed.get("components").get(rename.getKey().substring(0, slash));
            var definition = section.remove(rename.getKey().substring(slash + 1));
            section.set(rename.getValue(), definition);
        }
        return renamed;
    }
}
