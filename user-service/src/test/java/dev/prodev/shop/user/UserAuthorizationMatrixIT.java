package dev.prodev.shop.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.MatrixCaller;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every user-service endpoint × {anonymous, alice, bob (another customer), admin, sre}, with real
 * signed tokens, as the service itself decides (defence in depth: the gateway decides first).
 * Alice owns the address; everyone else gets 404 for it, never 403, so ids cannot be probed.
 */
class UserAuthorizationMatrixIT extends UserIntegrationTest {

    record Row(String method, String path, String body, int anonymous, int alice, int bob, int admin, int sre) {
        int expected(MatrixCaller caller) {
            return caller.pick(anonymous, alice, bob, admin, sre);
        }
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var tokens = MatrixCaller.tokens(run);

        var created =
                call("POST", "/api/v1/users/me/addresses", tokens.get(MatrixCaller.ALICE), ProfileAndAddressIT.ADDRESS);
        assertThat(created.statusCode()).isEqualTo(201);
        var alicesAddress = "/api/v1/users/me/addresses/" + ProfileAndAddressIT.id(created.body());
        var address = ProfileAndAddressIT.ADDRESS;
        var rows = java.util.List.of(
                new Row("POST", "/api/v1/users/register", "{}", 400, 400, 400, 400, 400), // public; body invalid
                new Row("GET", "/api/v1/users/me", null, 401, 200, 200, 200, 200),
                new Row("PUT", "/api/v1/users/me", "{\"displayName\":\"Someone\"}", 401, 200, 200, 200, 200),
                new Row("GET", "/api/v1/users/me/addresses", null, 401, 200, 200, 200, 200),
                new Row("POST", "/api/v1/users/me/addresses", address, 401, 201, 201, 201, 201),
                new Row("GET", alicesAddress, null, 401, 200, 404, 404, 404),
                new Row("PUT", alicesAddress, address, 401, 200, 404, 404, 404),
                new Row("DELETE", alicesAddress, null, 401, 204, 404, 404, 404),
                new Row("GET", "/api/v1/users", null, 401, 403, 403, 200, 403),
                new Row("POST", "/api/v1/users/matrix-bob-" + run + "/disable", null, 401, 403, 403, 204, 403),
                new Row("GET", "/api/v1/users/admin/dead-letters", null, 401, 403, 403, 200, 403),
                new Row("DELETE", "/api/v1/users/me", null, 401, 204, 204, 204, 204));

        var mismatches = new ArrayList<String>();
        for (var row : rows) {
            // alice goes last on her own address, so the 404s of the others are about ownership, not absence
            var order = row.path().equals(alicesAddress)
                    ? new MatrixCaller[] {
                        MatrixCaller.ANONYMOUS,
                        MatrixCaller.BOB,
                        MatrixCaller.ADMIN,
                        MatrixCaller.SRE,
                        MatrixCaller.ALICE
                    }
                    : MatrixCaller.values();
            for (var caller : order) {
                var response = call(row.method(), row.path(), tokens.get(caller), row.body());
                if (response.statusCode() != row.expected(caller)) {
                    mismatches.add(row.method() + " " + row.path() + " as " + caller + ": expected "
                            + row.expected(caller) + ", got " + response.statusCode());
                }
                if (response.statusCode() >= 400 && !contentType(response).startsWith("application/problem+json")) {
                    mismatches.add(row.method() + " " + row.path() + " as " + caller + ": not problem+json");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
