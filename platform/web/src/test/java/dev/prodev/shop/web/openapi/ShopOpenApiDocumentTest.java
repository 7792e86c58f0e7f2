package dev.prodev.shop.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.web.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client generator reads from a service's document, and what a client gets for a body it
 * got wrong: the gateway as server, Keycloak's flows on protected operations only, errors as
 * problem+json, no framework types as parameters, and unknown fields refused by name.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "management.tracing.export.enabled=false",
            "logging.structured.format.console=",
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/certs",
            "shop.security.public-paths=/api/v1/things/**,/api/v1/things,/v3/api-docs/**,/v3/api-docs",
            "shop.openapi.title=Things API",
            "shop.openapi.auth-issuer-uri=http://keycloak.test/realms/shop"
        })
class ShopOpenApiDocumentTest {

    record NewThing(
            @NotBlank String name,
            Integer initialStock,

            @io.swagger.v3.oas.annotations.media.Schema(nullable = true)
            String note) {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {

        @PostMapping("/api/v1/things")
        NewThing create(@Valid @RequestBody NewThing thing) {
            return thing;
        }

        @GetMapping("/api/v1/things/{id}")
        String one(@PathVariable UUID id) {
            return "thing " + id;
        }

        @GetMapping("/api/v1/mine")
        String mine(CurrentUser user, @RequestHeader HttpHeaders headers) {
            return user.id();
        }
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    JsonNode document() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/v3/api-docs")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body());
    }

    @Test
    void documentNamesTheGatewayKeycloakAndNoFrameworkParameters() throws Exception {
        var doc = document();
        assertThat(doc.path("info").path("title").asString()).isEqualTo("Things API");
        assertThat(doc.path("servers").get(0).path("url").asString()).isEqualTo("http://localhost:8080");
        var flows =
                doc.path("components").path("securitySchemes").path("keycloak").path("flows");
        assertThat(flows.path("authorizationCode").path("authorizationUrl").asString())
                .isEqualTo("http://keycloak.test/realms/shop/protocol/openid-connect/auth");
        assertThat(flows.path("clientCredentials").path("tokenUrl").asString())
                .isEqualTo("http://keycloak.test/realms/shop/protocol/openid-connect/token");
        assertThat(doc.path("paths").has("/error")).isFalse();

        var mine = doc.path("paths").path("/api/v1/mine").path("get");
        assertThat(mine.path("parameters").isMissingNode()
                        || mine.path("parameters").isEmpty())
                .as(mine.toString())
                .isTrue();
        assertThat(mine.path("security").get(0).has("keycloak")).isTrue();
        assertThat(mine.path("responses").has("401")).isTrue();
        assertThat(mine.path("responses").has("403")).isTrue();

        var one = doc.path("paths").path("/api/v1/things/{id}").path("get");
        assertThat(one.path("security").isEmpty()).as("public operation").isTrue();
        assertThat(one.path("responses").has("401")).isFalse();
        var notFound = one.path("responses").path("404").path("content");
        assertThat(notFound.has("application/problem+json"))
                .as(notFound.toString())
                .isTrue();
        assertThat(one.path("responses").path("429").path("headers").has("Retry-After"))
                .isTrue();
        assertThat(one.path("responses").path("200").path("content").has("application/json"))
                .isTrue();

        var note = doc.path("components")
                .path("schemas")
                .path("NewThing")
                .path("properties")
                .path("note");
        assertThat(note.path("type").toString())
                .as(note.toString())
                .contains("\"null\"")
                .contains("\"string\"");
        var name = doc.path("components")
                .path("schemas")
                .path("NewThing")
                .path("properties")
                .path("name");
        assertThat(name.path("type").toString()).as(name.toString()).doesNotContain("null");

        var create = doc.path("paths").path("/api/v1/things").path("post");
        assertThat(create.path("responses").has("415")).isTrue();
        assertThat(create.path("responses").has("413")).isTrue();
    }

    @Test
    void unknownFieldInABodyIsRefusedByName() throws Exception {
        var answer = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"lamp\",\"stock\":10}")));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        var problem = JsonMapper.builder().build().readTree(answer.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://prodev.shop/problems/unknown-field");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("stock");

        var known = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"lamp\",\"initialStock\":10}")));
        assertThat(known.statusCode()).as(known.body()).isEqualTo(200);
        assertThat(known.body()).contains("\"initialStock\":10");
    }

    @Test
    void wrongTypesAndBrokenJsonGetCatalogueProblems() throws Exception {
        var badId = send(HttpRequest.newBuilder(uri("/api/v1/things/not-a-uuid")));
        assertThat(badId.statusCode()).isEqualTo(400);
        var problem = JsonMapper.builder().build().readTree(badId.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://prodev.shop/problems/validation");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("id");
        assertThat(badId.body()).doesNotContain("java.").doesNotContain("Failed to convert");

        var wrongType = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"lamp\",\"initialStock\":\"ten\"}")));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(wrongType.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("initialStock");

        var broken = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":")));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(broken.body())
                        .path("type")
                        .asString())
                .isEqualTo("https://prodev.shop/problems/malformed-body");

        var wrongMedia = send(HttpRequest.newBuilder(uri("/api/v1/things"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("lamp")));
        assertThat(wrongMedia.statusCode()).isEqualTo(415);
        var media = JsonMapper.builder().build().readTree(wrongMedia.body());
        assertThat(media.path("type").asString()).isEqualTo("https://prodev.shop/problems/unsupported-media-type");
        assertThat(media.path("title").asString()).isEqualTo("Unsupported Media Type");
    }
}
