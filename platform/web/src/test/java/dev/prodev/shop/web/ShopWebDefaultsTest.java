package dev.prodev.shop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.prodev.shop.web.problem.ShopProblem;
import dev.prodev.shop.web.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a service gets from platform-web, through a real servlet stack: the problem+json handler
 * (validation with field errors, unreadable JSON, each ShopProblem status), the JWT security
 * chain (401/403 as problem+json, method-level admin rules) and {@link CurrentUser}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.tracing.export.enabled=false", "logging.structured.format.console="})
class ShopWebDefaultsTest {

    static final RSAKey KEY;

    static {
        try {
            KEY = new RSAKeyGenerator(2048).keyID("test").generate();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    record Order(
            @NotBlank String sku,
            @Min(1) int quantity,
            @Email String email) {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {

        @Bean
        JwtDecoder jwtDecoder() throws Exception {
            return NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
        }

        @PostMapping("/api/v1/orders")
        Order place(@Valid @RequestBody Order order) {
            return order;
        }

        @GetMapping("/api/v1/problems/{kind}")
        String problem(@PathVariable String kind) {
            throw switch (kind) {
                case "not-found" -> ShopProblem.notFound("order", "o-1");
                case "conflict" -> ShopProblem.conflict("Already paid.");
                case "bad-request" -> ShopProblem.badRequest("Nope.");
                case "unprocessable" -> ShopProblem.unprocessable("Out of stock.");
                case "precondition" -> ShopProblem.preconditionFailed("Stale ETag.");
                default -> new IllegalStateException("boom with internals");
            };
        }

        @GetMapping("/api/v1/admin/things")
        @PreAuthorize("hasRole('admin')")
        String adminOnly() {
            return "secret";
        }

        @GetMapping("/api/v1/whoami")
        CurrentUser whoami(CurrentUser user) {
            return user;
        }
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    static String token(String subject, String... roles) throws Exception {
        var claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .audience("shop-api")
                .claim("email", subject + "@example.com")
                .claim("preferred_username", subject)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return "Bearer " + jwt.serialize();
    }

    HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\":" + status)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void invalidFieldsAre400WithOneErrorPerField() throws Exception {
        var response = send(
                "POST",
                "/api/v1/orders",
                token("alice", "customer"),
                "{\"sku\":\"\",\"quantity\":0,\"email\":\"nope\"}");
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"sku\"", "\"field\":\"quantity\"", "\"field\":\"email\"");
    }

    @Test
    void unreadableJsonIs400() throws Exception {
        assertProblem(send("POST", "/api/v1/orders", token("alice", "customer"), "{\"sku\": "), 400);
        assertProblem(send("POST", "/api/v1/orders", token("alice", "customer"), "{\"quantity\":\"many\"}"), 400);
    }

    @Test
    void shopProblemsKeepTheirStatus() throws Exception {
        var alice = token("alice", "customer");
        assertProblem(send("GET", "/api/v1/problems/not-found", alice, null), 404);
        assertProblem(send("GET", "/api/v1/problems/conflict", alice, null), 409);
        assertProblem(send("GET", "/api/v1/problems/bad-request", alice, null), 400);
        assertProblem(send("GET", "/api/v1/problems/unprocessable", alice, null), 422);
        assertProblem(send("GET", "/api/v1/problems/precondition", alice, null), 412);
        var unexpected = send("GET", "/api/v1/problems/other", alice, null);
        assertProblem(unexpected, 500);
        assertThat(unexpected.body()).doesNotContain("boom with internals");
    }

    @Test
    void noTokenIs401AndAForgedOneToo() throws Exception {
        var none = send("GET", "/api/v1/whoami", null, null);
        assertProblem(none, 401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        var forgedKey = new RSAKeyGenerator(2048).keyID("test").generate();
        var claims = new JWTClaimsSet.Builder()
                .subject("mallory")
                .audience("shop-api")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        var forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
        forged.sign(new RSASSASigner(forgedKey));
        assertProblem(send("GET", "/api/v1/whoami", "Bearer " + forged.serialize(), null), 401);
    }

    @Test
    void adminRulesOnMethodsAre403ProblemJsonForOthers() throws Exception {
        assertProblem(send("GET", "/api/v1/admin/things", token("alice", "customer"), null), 403);
        assertProblem(send("GET", "/api/v1/admin/things", token("sre", "sre"), null), 403);
        var admin = send("GET", "/api/v1/admin/things", token("admin", "admin", "customer"), null);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("secret");
    }

    @Test
    void currentUserComesFromTheToken() throws Exception {
        var response = send("GET", "/api/v1/whoami", token("bob", "customer"), null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "\"id\":\"bob\"",
                        "\"email\":\"bob@example.com\"",
                        "\"username\":\"bob\"",
                        "\"roles\":[\"customer\"]");
    }
}
