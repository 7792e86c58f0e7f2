package dev.prodev.shop.user;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Admin user management: paged bounded search and disabling an account in Keycloak. */
class AdminUsersIT extends UserIntegrationTest {

    static final String ADMIN = TestTokens.bearer("admin", "admin", "customer");

    @Test
    void adminsSearchUsersPagedAndBounded() throws Exception {
        var marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            call("GET", "/api/v1/users/me", TestTokens.bearer("search-" + marker + "-" + i, "customer"), null);
        }
        var page = call("GET", "/api/v1/users?q=" + marker + "&size=2", ADMIN, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"totalItems\":3", "\"size\":2", "\"totalPages\":2");
        assertThat(page.body().split("\"id\":\"search-" + marker, -1))
                .as("two items on the page")
                .hasSize(3);
        assertThat(call("GET", "/api/v1/users?size=1000", ADMIN, null).statusCode())
                .as("bounded")
                .isEqualTo(400);
    }

    @Test
    void pagingStopsAtOffsetTenThousand() throws Exception {
        assertThat(call("GET", "/api/v1/users?page=100&size=100", ADMIN, null).statusCode())
                .as("offset 10 000")
                .isEqualTo(200);
        assertThat(call("GET", "/api/v1/users?page=500&size=20", ADMIN, null).statusCode())
                .isEqualTo(200);
        for (var beyond : new String[] {"page=101&size=100", "page=5000&size=20", "page=10000&size=100"}) {
            var response = call("GET", "/api/v1/users?" + beyond, ADMIN, null);

            assertThat(response.statusCode()).as(beyond).isEqualTo(400);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(response.body()).contains("\"field\":\"page\"", "10000");
        }
    }

    @Test
    void customersAndSreCannotListOrDisableUsers() throws Exception {
        for (var token : new String[] {TestTokens.bearer("alice", "customer"), TestTokens.bearer("sre", "sre")}) {
            var list = call("GET", "/api/v1/users", token, null);
            assertThat(list.statusCode()).isEqualTo(403);
            assertThat(contentType(list)).startsWith("application/problem+json");
            assertThat(call("POST", "/api/v1/users/bob/disable", token, null).statusCode())
                    .isEqualTo(403);
        }
        KEYCLOAK.verify(0, putRequestedFor(urlEqualTo(USERS + "/bob")));
    }

    @Test
    void anAdminDisablesAnAccountInKeycloak() throws Exception {
        var user = "disabled-" + UUID.randomUUID();
        call("GET", "/api/v1/users/me", TestTokens.bearer(user, "customer"), null);

        var response = call("POST", "/api/v1/users/" + user + "/disable", ADMIN, null);

        assertThat(response.statusCode()).isEqualTo(204);
        KEYCLOAK.verify(
                putRequestedFor(urlEqualTo(USERS + "/" + user)).withRequestBody(equalToJson("{\"enabled\":false}")));
        assertThat(call("GET", "/api/v1/users?q=" + user, ADMIN, null).body()).contains("\"disabled\":true");
    }

    @Test
    void disablingAnUnknownAccountIs404() throws Exception {
        KEYCLOAK.stubFor(put(urlEqualTo(USERS + "/nobody"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"User not found\"}")));
        var response = call("POST", "/api/v1/users/nobody/disable", ADMIN, null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
    }
}
