package dev.prodev.shop.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Real signed JWTs for integration tests, shaped like Keycloak's: {@code sub},
 * {@code preferred_username}, {@code email}, audience {@code shop-api} and
 * {@code realm_access.roles}. They come from an in-JVM mock-oauth2-server (discovery + JWKS over
 * real HTTP); {@link ShopIntegrationTest} points the service's issuer at it, so tokens are
 * validated exactly as in production: issuer, audience, expiry and signature.
 *
 * <pre>{@code
 * var response = http.send(HttpRequest.newBuilder(uri)
 *         .header("Authorization", TestTokens.bearer("alice", "customer")).build(), ofString());
 * }</pre>
 */
public final class TestTokens {

    public static final String ISSUER_ID = "shop";
    public static final String AUDIENCE = "shop-api";

    private static volatile MockOAuth2Server server;

    private TestTokens() {}

    /** The issuer URI the services under test trust. */
    public static String issuerUri() {
        return server().issuerUrl(ISSUER_ID).toString();
    }

    /** Where the issuer publishes its signing keys. */
    public static String jwksUri() {
        return server().jwksUrl(ISSUER_ID).toString();
    }

    /**
     * {@code "Bearer <jwt>"} for the user {@code username} (also its {@code sub}) with the given
     * realm roles, valid for an hour.
     */
    public static String bearer(String username, String... roles) {
        return "Bearer " + token(username, 3600, roles);
    }

    /**
     * Like {@link #bearer}, with {@code extraClaims} added to (or replacing) the Keycloak-shaped
     * ones, e.g. {@code Map.of("email_verified", false)}.
     */
    public static String bearerWithClaims(String username, Map<String, Object> extraClaims, String... roles) {
        var claims = new java.util.HashMap<>(claims(username, roles));
        claims.putAll(extraClaims);
        return "Bearer "
                + server().issueToken(ISSUER_ID, username, AUDIENCE, claims, 3600)
                        .serialize();
    }

    /** A token for {@code username} whose {@code exp} lies in the past. */
    public static String expired(String username, String... roles) {
        return "Bearer " + token(username, -600, roles);
    }

    /** A well-formed token with the right issuer and audience, signed by a key the issuer never published. */
    public static String wronglySigned(String username, String... roles) {
        try {
            var key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            var now = Instant.now();
            var claims = new JWTClaimsSet.Builder()
                    .issuer(issuerUri())
                    .subject(username)
                    .audience(AUDIENCE)
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(3600)))
                    .claim("preferred_username", username)
                    .claim("email", username + "@example.com")
                    .claim("realm_access", Map.of("roles", List.of(roles)))
                    .build();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A token issued for another audience than {@code shop-api}. */
    public static String wrongAudience(String username, String... roles) {
        return "Bearer "
                + server().issueToken(ISSUER_ID, username, "some-other-api", claims(username, roles), 3600)
                        .serialize();
    }

    private static String token(String username, long expirySeconds, String... roles) {
        return server().issueToken(ISSUER_ID, username, AUDIENCE, claims(username, roles), expirySeconds)
                .serialize();
    }

    private static Map<String, Object> claims(String username, String... roles) {
        return Map.of(
                "preferred_username",
                username,
                "email",
                username + "@example.com",
                "given_name",
                username,
                "family_name",
                "Example",
                "realm_access",
                Map.of("roles", List.of(roles)));
    }

    private static MockOAuth2Server server() {
        var result = server;
        if (result == null) {
            synchronized (TestTokens.class) {
                result = server;
                if (result == null) {
                    result = new MockOAuth2Server();
                    result.start();
                    var started = result;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "mock-oauth2-stop"));
                    server = result;
                }
            }
        }
        return result;
    }
}
