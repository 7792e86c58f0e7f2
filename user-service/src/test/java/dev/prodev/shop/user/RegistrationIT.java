package dev.prodev.shop.user;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserRegistered;
import dev.prodev.shop.test.TestTokens;
import dev.prodev.shop.test.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Sign-up through Keycloak's Admin API: the account, the role, the profile row and the event, or nothing. */
class RegistrationIT extends UserIntegrationTest {

    static final String TOKEN = "/realms/shop/protocol/openid-connect/token";

    @Autowired
    JdbcTemplate jdbc;

    static String body(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"firstName\":\"Carol\",\"lastName\":\"Example\"}";
    }

    @Test
    void registersInKeycloakAssignsCustomerStoresTheProfileAndPublishesUserRegistered() throws Exception {
        var email = "carol-" + UUID.randomUUID() + "@example.com";
        var userId = UUID.randomUUID().toString();
        keycloakCreates(email, userId);

        var response = call("POST", "/api/v1/users/register", null, body(email, "correct horse battery"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/users/me");
        assertThat(response.body())
                .contains("\"id\":\"" + userId + "\"", "\"displayName\":\"Carol Example\"")
                .doesNotContain("correct horse battery");
        KEYCLOAK.verify(postRequestedFor(urlEqualTo(USERS))
                .withHeader("Authorization", equalTo("Bearer service-account-token"))
                .withRequestBody(matchingJsonPath("$.username", equalTo(email)))
                .withRequestBody(matchingJsonPath("$.enabled", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.credentials[0].type", equalTo("password")))
                .withRequestBody(matchingJsonPath("$.credentials[0].temporary", equalTo("false"))));
        KEYCLOAK.verify(postRequestedFor(urlEqualTo(USERS + "/" + userId + "/role-mappings/realm"))
                .withRequestBody(equalToJson("[{\"id\":\"role-customer-id\",\"name\":\"customer\"}]")));
        assertThat(jdbc.queryForObject("select email from user_profile where keycloak_id = ?", String.class, userId))
                .isEqualTo(email);

        var events = TopicReader.await(
                bootstrapServers, Topics.USERS, 1, record -> userId.equals(record.key()), Duration.ofSeconds(20));
        var event = events.get(0);
        assertThat(new String(event.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo(UserRegistered.TYPE);
        assertThat(EventSchemas.validate(UserRegistered.TYPE, event.value())).isEmpty();
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).contains(email);
    }

    @Test
    void afterAKeycloakRestartTheFirstRegistrationGetsAFreshServiceAccountToken() throws Exception {
        var before = "before-restart-" + UUID.randomUUID() + "@example.com";
        keycloakCreates(before, UUID.randomUUID().toString());
        assertThat(call("POST", "/api/v1/users/register", null, body(before, "correct horse battery"))
                        .statusCode())
                .as("the service-account token is now cached")
                .isEqualTo(201);

        // Keycloak restarted: the cached token is refused, a new one is handed out
        KEYCLOAK.stubFor(post(urlEqualTo("/realms/shop/protocol/openid-connect/token"))
                .willReturn(okJson("{\"access_token\":\"token-after-restart\",\"expires_in\":300,"
                        + "\"token_type\":\"Bearer\"}")));
        KEYCLOAK.stubFor(post(urlEqualTo(USERS))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer service-account-token"))
                .willReturn(aResponse().withStatus(401)));
        var after = "after-restart-" + UUID.randomUUID() + "@example.com";
        var userId = UUID.randomUUID().toString();
        keycloakCreates(after, userId);

        try {
            var response = call("POST", "/api/v1/users/register", null, body(after, "correct horse battery"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(response.body()).contains("\"id\":\"" + userId + "\"");
            KEYCLOAK.verify(postRequestedFor(urlEqualTo(USERS))
                    .withHeader("Authorization", equalTo("Bearer token-after-restart"))
                    .withRequestBody(matchingJsonPath("$.email", equalTo(after))));
            // the new token was asked for as the service account, by client credentials
            KEYCLOAK.verify(postRequestedFor(urlEqualTo(TOKEN))
                    .withRequestBody(containing("grant_type=client_credentials"))
                    .withRequestBody(containing("client_id=shop-user-admin"))
                    .withRequestBody(containing("client_secret=test-secret")));
        } finally {
            // the other tests expect the usual token: the same mechanism hands it back to the client
            keycloakBehavesNormally();
            KEYCLOAK.stubFor(post(urlEqualTo(USERS))
                    .atPriority(1)
                    .withHeader("Authorization", equalTo("Bearer token-after-restart"))
                    .willReturn(aResponse().withStatus(401)));
            var reset = "reset-" + UUID.randomUUID() + "@example.com";
            keycloakCreates(reset, UUID.randomUUID().toString());
            assertThat(call("POST", "/api/v1/users/register", null, body(reset, "correct horse battery"))
                            .statusCode())
                    .isEqualTo(201);
            keycloakBehavesNormally();
        }
    }

    @Test
    void oneCachedServiceAccountTokenServesEveryCaller() throws Exception {
        var first = "warm-" + UUID.randomUUID() + "@example.com";
        keycloakCreates(first, UUID.randomUUID().toString());
        assertThat(call("POST", "/api/v1/users/register", null, body(first, "correct horse battery"))
                        .statusCode())
                .isEqualTo(201);
        KEYCLOAK.resetRequests();

        // an anonymous sign-up and two different signed-in admins: the token is the service account's, not theirs
        var second = "shared-" + UUID.randomUUID() + "@example.com";
        keycloakCreates(second, UUID.randomUUID().toString());
        assertThat(call("POST", "/api/v1/users/register", null, body(second, "correct horse battery"))
                        .statusCode())
                .isEqualTo(201);
        for (var admin : new String[] {"admin-" + UUID.randomUUID(), "admin-" + UUID.randomUUID()}) {
            var user = "shared-" + UUID.randomUUID();
            call("GET", "/api/v1/users/me", TestTokens.bearer(user, "customer"), null);
            assertThat(call("POST", "/api/v1/users/" + user + "/disable", TestTokens.bearer(admin, "admin"), null)
                            .statusCode())
                    .isEqualTo(204);
        }

        KEYCLOAK.verify(0, postRequestedFor(urlEqualTo(TOKEN)));
        KEYCLOAK.verify(postRequestedFor(urlEqualTo(USERS))
                .withHeader("Authorization", equalTo("Bearer service-account-token")));
        KEYCLOAK.verify(
                2,
                putRequestedFor(urlPathMatching(USERS + "/shared-.+"))
                        .withHeader("Authorization", equalTo("Bearer service-account-token")));
    }

    @Test
    void aTokenEndpointThatRefusesTheServiceAccountIs503AndNothingIsStored() throws Exception {
        // the cached token is no longer accepted, and Keycloak will not hand out a new one (secret rotated)
        KEYCLOAK.stubFor(post(urlEqualTo(USERS))
                .atPriority(1)
                .withHeader("Authorization", equalTo("Bearer service-account-token"))
                .willReturn(aResponse().withStatus(401)));
        KEYCLOAK.stubFor(
                post(urlEqualTo(TOKEN))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client secret\"}")));
        var email = "refused-" + UUID.randomUUID() + "@example.com";
        keycloakCreates(email, UUID.randomUUID().toString());

        try {
            var response = call("POST", "/api/v1/users/register", null, body(email, "correct horse battery"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(response.body())
                    .contains("identity-provider-unavailable")
                    .doesNotContain("Exception", "Invalid client secret");
            assertThat(jdbc.queryForObject("select count(*) from user_profile where email = ?", Integer.class, email))
                    .isZero();
        } finally {
            // Keycloak hands out the usual token again: the next sign-up fetches it (nothing stale was kept)
            keycloakBehavesNormally();
            var next = "after-refusal-" + UUID.randomUUID() + "@example.com";
            keycloakCreates(next, UUID.randomUUID().toString());
            assertThat(call("POST", "/api/v1/users/register", null, body(next, "correct horse battery"))
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void anEmailTheEventSchemaRefusesIs400WithAFieldErrorAndNeverReachesKeycloak() throws Exception {
        // Bean Validation's @Email takes these, the shop.user.registered.v1 schema's email format does not:
        // once it answered 500 after Keycloak had created (and then deleted) the user
        for (var local : new String[] {"x@example.test", "x-" + UUID.randomUUID() + "@example.invalid"}) {
            keycloakCreates(local, UUID.randomUUID().toString());

            var response = call("POST", "/api/v1/users/register", null, body(local, "correct horse battery"));

            assertThat(response.statusCode()).as(local + ": " + response.body()).isEqualTo(400);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(response.body()).contains("\"status\":400", "\"field\":\"email\"");
            assertThat(jdbc.queryForObject("select count(*) from user_profile where email = ?", Integer.class, local))
                    .isZero();
        }
        KEYCLOAK.verify(0, postRequestedFor(urlEqualTo(USERS)));
    }

    @Test
    void aTakenEmailIs409() throws Exception {
        var email = "dup-" + UUID.randomUUID() + "@example.com";
        KEYCLOAK.stubFor(post(urlEqualTo(USERS))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorMessage\":\"User exists with same email\"}")));

        var response = call("POST", "/api/v1/users/register", null, body(email, "correct horse battery"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(jdbc.queryForObject("select count(*) from user_profile where email = ?", Integer.class, email))
                .isZero();
    }

    @Test
    void aKnownEmailIs409WithoutAskingKeycloak() throws Exception {
        var email = "known-" + UUID.randomUUID() + "@example.com";
        keycloakCreates(email, UUID.randomUUID().toString());
        assertThat(call("POST", "/api/v1/users/register", null, body(email, "correct horse battery"))
                        .statusCode())
                .isEqualTo(201);
        KEYCLOAK.resetRequests();

        var again = call("POST", "/api/v1/users/register", null, body(email.toUpperCase(), "another password"));

        assertThat(again.statusCode()).isEqualTo(409);
        KEYCLOAK.verify(0, postRequestedFor(urlEqualTo(USERS)));
    }

    @Test
    void aPasswordShorterThanTwelveCharactersIs400WithAFieldErrorAndNeverReachesKeycloak() throws Exception {
        for (var password : new String[] {"x", "elevenchars"}) {
            var email = "short-" + UUID.randomUUID() + "@example.com";
            keycloakCreates(email, UUID.randomUUID().toString());

            var response = call("POST", "/api/v1/users/register", null, body(email, password));

            assertThat(response.statusCode()).as(password).isEqualTo(400);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(response.body())
                    .contains("\"field\":\"password\"", "between 12 and 128 characters")
                    .doesNotContain(password + "\"");
            assertThat(jdbc.queryForObject("select count(*) from user_profile where email = ?", Integer.class, email))
                    .isZero();
        }
        KEYCLOAK.verify(0, postRequestedFor(urlEqualTo(USERS)));
    }

    @Test
    void aPasswordLongerThan128CharactersIs400() throws Exception {
        var response = call(
                "POST",
                "/api/v1/users/register",
                null,
                body("long-" + UUID.randomUUID() + "@example.com", "a".repeat(129)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"password\"");
        KEYCLOAK.verify(0, postRequestedFor(urlEqualTo(USERS)));
    }

    @Test
    void aTwelveCharacterPasswordRegisters() throws Exception {
        var email = "twelve-" + UUID.randomUUID() + "@example.com";
        keycloakCreates(email, UUID.randomUUID().toString());

        assertThat(call("POST", "/api/v1/users/register", null, body(email, "twelve chars"))
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void aPasswordTheRealmPolicyRefusesIs422AndLeavesNothingBehind() throws Exception {
        // Keycloak 26's answer when the realm's passwordBlacklist policy refuses the credential
        KEYCLOAK.stubFor(post(urlEqualTo(USERS))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalidPasswordBlacklistedMessage\","
                                + "\"error_description\":\"Invalid password: password is blacklisted.\"}")));
        var email = "common-" + UUID.randomUUID() + "@example.com";

        var response = call("POST", "/api/v1/users/register", null, body(email, "password1234"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(response.body())
                .contains(
                        "https://prodev.shop/problems/weak-password",
                        "\"field\":\"password\"",
                        "Invalid password: password is blacklisted.")
                .doesNotContain("password1234");
        assertThat(jdbc.queryForObject("select count(*) from user_profile where email = ?", Integer.class, email))
                .isZero();
        KEYCLOAK.verify(
                0,
                postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                        USERS + "/[^/]+/role-mappings/realm")));
        assertThat(TopicReader.collect(
                        bootstrapServers,
                        Topics.USERS,
                        record -> new String(record.value(), StandardCharsets.UTF_8).contains(email),
                        Duration.ofSeconds(2)))
                .as("no UserRegistered")
                .isEmpty();
    }

    @Test
    void olderKeycloaksPasswordPolicyAnswerIsAlso422() throws Exception {
        KEYCLOAK.stubFor(post(urlEqualTo(USERS))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errorMessage\":\"Password policy not met\"}")));

        var response = call(
                "POST",
                "/api/v1/users/register",
                null,
                body("policy-" + UUID.randomUUID() + "@example.com", "not-my-username"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("weak-password", "Password policy not met");
    }

    @Test
    void invalidInputIs400WithFieldErrorsAndNeverReachesKeycloak() throws Exception {
        var response = call(
                "POST",
                "/api/v1/users/register",
                null,
                "{\"email\":\"not-an-email\",\"password\":\"\",\"firstName\":\"\",\"lastName\":\"X\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("\"field\":\"email\"", "\"field\":\"password\"", "\"field\":\"firstName\"");
        assertThat(call("POST", "/api/v1/users/register", null, "{not json").statusCode())
                .isEqualTo(400);
        KEYCLOAK.verify(0, postRequestedFor(urlEqualTo(USERS)));
    }

    @Test
    void keycloakDownIs503ProblemJsonAndNothingIsStored() throws Exception {
        var email = "down-" + UUID.randomUUID() + "@example.com";
        // every connection to Keycloak is cut, as when it is down or restarting
        KEYCLOAK.resetAll();
        KEYCLOAK.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                        com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                .willReturn(
                        aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

        var response = call("POST", "/api/v1/users/register", null, body(email, "correct horse battery"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(response.body()).contains("identity-provider-unavailable").doesNotContain("Exception");
        assertThat(jdbc.queryForObject("select count(*) from user_profile where email = ?", Integer.class, email))
                .isZero();
    }

    @Test
    void aFailureAfterKeycloakCreatedTheUserDeletesItAgain() throws Exception {
        var email = "half-" + UUID.randomUUID() + "@example.com";
        var userId = UUID.randomUUID().toString();
        keycloakCreates(email, userId);
        KEYCLOAK.stubFor(post(urlEqualTo(USERS + "/" + userId + "/role-mappings/realm"))
                .willReturn(aResponse().withStatus(500)));

        var response = call("POST", "/api/v1/users/register", null, body(email, "correct horse battery"));

        assertThat(response.statusCode()).isEqualTo(503);
        KEYCLOAK.verify(deleteRequestedFor(urlEqualTo(USERS + "/" + userId)));
        assertThat(jdbc.queryForObject(
                        "select count(*) from user_profile where keycloak_id = ?", Integer.class, userId))
                .isZero();
    }

    @Test
    void aFailedProfileWriteDeletesTheKeycloakUserAgain() throws Exception {
        var email = "dbfail-" + UUID.randomUUID() + "@example.com";
        var userId = UUID.randomUUID().toString();
        keycloakCreates(email, userId);
        // a profile already bound to that Keycloak id: the insert breaks the unique constraint
        jdbc.update(
                "insert into user_profile (id, keycloak_id, email, display_name) values (?, ?, ?, 'Other')",
                UUID.randomUUID(),
                userId,
                "other-" + UUID.randomUUID() + "@example.com");

        var response = call("POST", "/api/v1/users/register", null, body(email, "correct horse battery"));

        assertThat(response.statusCode()).isEqualTo(409);
        KEYCLOAK.verify(deleteRequestedFor(urlEqualTo(USERS + "/" + userId)));
        assertThat(jdbc.queryForObject("select count(*) from user_profile where email = ?", Integer.class, email))
                .isZero();
        assertThat(TopicReader.collect(
                        bootstrapServers, Topics.USERS, record -> userId.equals(record.key()), Duration.ofSeconds(2)))
                .as("no event for a sign-up that failed")
                .isEmpty();
    }
}
