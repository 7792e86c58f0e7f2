package dev.prodev.shop.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * With Keycloak unreachable, a service must not answer 500: a malformed token is still the
 * caller's 401, and a well-formed one that cannot be verified is a 503 problem+json.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/shop",
            "management.tracing.export.enabled=false",
            "logging.structured.format.console="
        })
class IdentityProviderOutageTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class App {
        @GetMapping("/api/v1/things")
        String things() {
            return "[]";
        }
    }

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> call(String authorization) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/things"))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void malformedTokenIsUnauthorizedEvenWhenKeycloakIsDown() throws Exception {
        var response = call("Bearer not-a-jwt");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void wellFormedTokenThatCannotBeVerifiedIsServiceUnavailableNotAServerError() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("k1").generate();
        var claims = new JWTClaimsSet.Builder()
                .issuer("http://127.0.0.1:9/realms/shop")
                .subject("alice")
                .audience("shop-api")
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
        jwt.sign(new RSASSASigner(key));

        var response = call("Bearer " + jwt.serialize());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("identity-provider-unavailable").doesNotContain("Exception");
    }

    @Test
    void unknownPathWithAnUnverifiableTokenNeverLeaksAStackTrace() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/error"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(401, 404);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("trace");
    }
}
