package dev.prodev.shop.user;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.test.TestTokens;
import dev.prodev.shop.test.TopicReader;
import dev.prodev.shop.user.erasure.ErasureSweep;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GDPR erasure (issue #12 finding 9): the erasure commits without Keycloak, a tombstone refuses
 * the subject's still-valid tokens (the profile is never recreated from them), and the Keycloak
 * account is deleted after the commit, by the {@code user.deleted} consumer or, after a long
 * outage, by the sweep.
 */
class ErasureIT extends UserIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ErasureSweep sweep;

    @Test
    void anErasedSubjectsStillValidTokenIsRefusedAndTheProfileIsNeverRecreated() throws Exception {
        var user = "erased-" + UUID.randomUUID();
        var token = TestTokens.bearer(user, "customer");
        assertThat(call("POST", "/api/v1/users/me/addresses", token, ProfileAndAddressIT.ADDRESS)
                        .statusCode())
                .isEqualTo(201);
        assertThat(call("DELETE", "/api/v1/users/me", token, null).statusCode()).isEqualTo(204);

        for (var request : new String[][] {
            {"GET", "/api/v1/users/me", null},
            {"PUT", "/api/v1/users/me", "{\"displayName\":\"Back again\"}"},
            {"GET", "/api/v1/users/me/addresses", null},
            {"POST", "/api/v1/users/me/addresses", ProfileAndAddressIT.ADDRESS},
            {"DELETE", "/api/v1/users/me", null}
        }) {
            var response = call(request[0], request[1], token, request[2]);

            assertRefusedAsErased(response, request[0] + " " + request[1]);
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from user_profile where keycloak_id = ? or email = ?",
                        Integer.class,
                        user,
                        user + "@example.com"))
                .as("the profile is not recreated")
                .isZero();
        assertThat(call(
                                "GET",
                                "/api/v1/users/me",
                                TestTokens.bearer("still-here-" + UUID.randomUUID(), "customer"),
                                null)
                        .statusCode())
                .as("other accounts are untouched")
                .isEqualTo(200);
    }

    @Test
    void theErasureCommitsWhileKeycloakIsDownAndTheAccountIsDeletedOnceKeycloakAnswers() throws Exception {
        var user = "outage-" + UUID.randomUUID();
        var token = TestTokens.bearer(user, "customer");
        assertThat(call("GET", "/api/v1/users/me", token, null).statusCode()).isEqualTo(200);
        // the Admin API is down for the first two delete attempts, then answers again
        var account = USERS + "/" + user;
        KEYCLOAK.stubFor(delete(urlEqualTo(account))
                .atPriority(1)
                .inScenario(user)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("still down"));
        KEYCLOAK.stubFor(delete(urlEqualTo(account))
                .atPriority(1)
                .inScenario(user)
                .whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        KEYCLOAK.stubFor(delete(urlEqualTo(account))
                .atPriority(1)
                .inScenario(user)
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));

        var response = call("DELETE", "/api/v1/users/me", token, null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from user_profile where keycloak_id = ?", Integer.class, user))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from erased_subject where subject_id = ?", Integer.class, user))
                .isEqualTo(1);
        assertThat(TopicReader.await(
                        bootstrapServers,
                        Topics.USERS,
                        1,
                        record -> user.equals(record.key())
                                && UserDeleted.TYPE.equals(type(
                                        record.headers().lastHeader("ce_type").value())),
                        Duration.ofSeconds(20)))
                .hasSize(1);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(keycloakDeletedAt(user)).isNotNull());
        KEYCLOAK.verify(3, deleteRequestedFor(urlEqualTo(account)));
        assertThat(deadLetters(user)).as("retried in place, not dead-lettered").isZero();
    }

    @Test
    void aKeycloakOutageLongerThanTheRetriesIsDeadLetteredAndFinishedByTheSweep() throws Exception {
        var user = "long-outage-" + UUID.randomUUID();
        var token = TestTokens.bearer(user, "customer");
        assertThat(call("GET", "/api/v1/users/me", token, null).statusCode()).isEqualTo(200);
        KEYCLOAK.stubFor(delete(urlEqualTo(USERS + "/" + user))
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(call("DELETE", "/api/v1/users/me", token, null).statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(deadLetters(user)).isEqualTo(1));
        assertThat(keycloakDeletedAt(user)).as("still pending").isNull();
        assertRefusedAsErased(call("GET", "/api/v1/users/me", token, null), "while the deletion is pending");
        var metrics = send(request("/actuator/prometheus")).body();
        assertThat(gauge(metrics, "shop_users_erasures_pending"))
                .as("SREs see the pending erasure")
                .isPositive();
        assertThat(gauge(metrics, "shop_users_erasures_oldest_pending_age_seconds"))
                .isPositive();

        keycloakBehavesNormally();
        assertThat(sweep.retryKeycloakDeletions(Duration.ZERO)).isPositive();

        assertThat(keycloakDeletedAt(user)).isNotNull();
        KEYCLOAK.verify(deleteRequestedFor(urlEqualTo(USERS + "/" + user)));
    }

    @Test
    void anAccountKeycloakNoLongerHasCountsAsDeleted() throws Exception {
        var user = "already-gone-" + UUID.randomUUID();
        var token = TestTokens.bearer(user, "customer");
        KEYCLOAK.stubFor(delete(urlEqualTo(USERS + "/" + user))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"User not found\"}")));

        assertThat(call("DELETE", "/api/v1/users/me", token, null).statusCode()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(keycloakDeletedAt(user)).isNotNull());
        assertThat(deadLetters(user)).isZero();
    }

    @Test
    void tombstonesArePurgedTombstoneTtlAfterKeycloakDeletedTheAccountAndNotBefore() {
        // tombstone-ttl is PT45M in these tests (UserIntegrationTest); the default would keep all three
        var expired = "ttl-expired-" + UUID.randomUUID();
        var recent = "ttl-recent-" + UUID.randomUUID();
        var pending = "ttl-pending-" + UUID.randomUUID();
        jdbc.update(
                "insert into erased_subject (subject_id, erased_at, keycloak_deleted_at) values "
                        + "(?, now() - interval '2 hours', now() - interval '50 minutes'), "
                        + "(?, now() - interval '2 hours', now() - interval '40 minutes'), "
                        + "(?, now() - interval '2 days', null)",
                expired,
                recent,
                pending);

        assertThat(sweep.purgeExpiredTombstones()).isPositive();

        assertThat(jdbc.queryForList(
                        "select subject_id from erased_subject where subject_id in (?, ?, ?)",
                        String.class,
                        expired,
                        recent,
                        pending))
                .containsExactlyInAnyOrder(recent, pending);
    }

    private void assertRefusedAsErased(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(401);
        assertThat(contentType(response)).as(what).startsWith("application/problem+json");
        assertThat(response.body()).as(what).contains("https://prodev.shop/problems/account-erased");
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .as(what)
                .hasValueSatisfying(
                        challenge -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
    }

    private java.sql.Timestamp keycloakDeletedAt(String user) {
        return jdbc.queryForObject(
                "select keycloak_deleted_at from erased_subject where subject_id = ?", java.sql.Timestamp.class, user);
    }

    private int deadLetters(String user) {
        return jdbc.queryForObject(
                "select count(*) from dead_letter where topic = ? and record_key = ?",
                Integer.class,
                Topics.USERS,
                user);
    }

    private static double gauge(String prometheus, String name) {
        var matcher = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$")
                .matcher(prometheus);
        assertThat(matcher.find()).as(name + " in /actuator/prometheus").isTrue();
        return Double.parseDouble(matcher.group(2));
    }

    private static String type(byte[] header) {
        return new String(header, StandardCharsets.UTF_8);
    }
}
