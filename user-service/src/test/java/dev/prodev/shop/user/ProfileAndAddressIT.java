package dev.prodev.shop.user;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prodev.shop.events.EventSchemas;
import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.test.TestTokens;
import dev.prodev.shop.test.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A shopper's own profile and addresses; another shopper's are invisible (404), and account deletion (more in {@link ErasureIT}). */
class ProfileAndAddressIT extends UserIntegrationTest {

    static final String ADDRESS = "{\"label\":\"home\",\"recipient\":\"Alice Example\",\"line1\":\"1 Main St\","
            + "\"city\":\"Addis Ababa\",\"postalCode\":\"1000\",\"country\":\"ET\"}";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void meIsAlwaysTheCallersOwnProfile() throws Exception {
        var alice = TestTokens.bearer("alice", "customer");
        var bob = TestTokens.bearer("bob", "customer");
        var aliceMe = call("GET", "/api/v1/users/me", alice, null);
        var bobMe = call("GET", "/api/v1/users/me", bob, null);
        assertThat(aliceMe.statusCode()).isEqualTo(200);
        assertThat(aliceMe.body())
                .contains("\"id\":\"alice\"", "alice@example.com")
                .doesNotContain("bob");
        assertThat(bobMe.body()).contains("\"id\":\"bob\"", "bob@example.com").doesNotContain("alice");
        assertThat(call("GET", "/api/v1/users/me", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aShopperRenamesThemselves() throws Exception {
        var user = "renamer-" + UUID.randomUUID();
        var token = TestTokens.bearer(user, "customer");
        var updated = call(
                "PUT",
                "/api/v1/users/me",
                token,
                "{\"displayName\":\"New Name\",\"firstName\":\"New\",\"lastName\":\"Name\"}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/users/me", token, null).body()).contains("\"displayName\":\"New Name\"");
        assertThat(call("PUT", "/api/v1/users/me", token, "{\"displayName\":\"\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void addressesBelongToTheirOwnerOnly() throws Exception {
        var alice = TestTokens.bearer("addr-alice-" + UUID.randomUUID(), "customer");
        var bob = TestTokens.bearer("addr-bob-" + UUID.randomUUID(), "customer");

        var created = call("POST", "/api/v1/users/me/addresses", alice, ADDRESS);
        assertThat(created.statusCode()).isEqualTo(201);
        var id = id(created.body());
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/users/me/addresses/" + id);

        assertThat(call("GET", "/api/v1/users/me/addresses", alice, null).body())
                .contains(id);
        assertThat(call("GET", "/api/v1/users/me/addresses/" + id, alice, null).statusCode())
                .isEqualTo(200);
        var updated = call("PUT", "/api/v1/users/me/addresses/" + id, alice, ADDRESS.replace("home", "work"));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("\"label\":\"work\"");

        assertThat(call("GET", "/api/v1/users/me/addresses", bob, null).body()).isEqualTo("[]");
        assertThat(call("GET", "/api/v1/users/me/addresses/" + id, bob, null).statusCode())
                .isEqualTo(404);
        assertThat(call("PUT", "/api/v1/users/me/addresses/" + id, bob, ADDRESS).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/users/me/addresses/" + id, bob, null).statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/api/v1/users/me/addresses/" + id, alice, null).statusCode())
                .as("still there")
                .isEqualTo(200);

        assertThat(call("DELETE", "/api/v1/users/me/addresses/" + id, alice, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(call("GET", "/api/v1/users/me/addresses/" + id, alice, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void invalidAddressesAre400WithFieldErrors() throws Exception {
        var token = TestTokens.bearer("addr-bad-" + UUID.randomUUID(), "customer");
        var response = call("POST", "/api/v1/users/me/addresses", token, ADDRESS.replace("\"ET\"", "\"Ethiopia\""));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"country\"");
        assertThat(call("GET", "/api/v1/users/me/addresses/not-a-uuid", token, null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void deletingTheAccountRemovesKeycloakUserProfileAndAddressesAndPublishesUserDeleted() throws Exception {
        var user = "leaver-" + UUID.randomUUID();
        var token = TestTokens.bearer(user, "customer");
        assertThat(call("POST", "/api/v1/users/me/addresses", token, ADDRESS).statusCode())
                .isEqualTo(201);

        var response = call("DELETE", "/api/v1/users/me", token, null);

        assertThat(response.statusCode()).isEqualTo(204);
        // after the commit, by user-service's own consumer of user.deleted
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> KEYCLOAK.verify(deleteRequestedFor(urlEqualTo(USERS + "/" + user))));
        assertThat(jdbc.queryForObject("select count(*) from user_profile where keycloak_id = ?", Integer.class, user))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from address a where not exists "
                                + "(select 1 from user_profile p where p.id = a.profile_id)",
                        Integer.class))
                .isZero();
        var event = TopicReader.await(
                        bootstrapServers,
                        Topics.USERS,
                        1,
                        record -> user.equals(record.key())
                                && UserDeleted.TYPE.equals(new String(
                                        record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)),
                        Duration.ofSeconds(20))
                .get(0);
        assertThat(EventSchemas.validate(UserDeleted.TYPE, event.value())).isEmpty();
    }

    static String id(String json) {
        var matcher = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
