package dev.prodev.shop.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.MatrixCaller;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the gateway itself decides for every route × caller. Downstream services are simulated and
 * answer 200, so 200 means "let through to the service" (which then applies its own ownership and
 * role rules: see each service's matrix); 401/403 are the gateway's refusals.
 */
class GatewayAuthorizationMatrixIT extends GatewayTestSupport {

    record Row(String method, String path, int anonymous, int alice, int bob, int admin, int sre) {
        int expected(MatrixCaller caller) {
            return caller.pick(anonymous, alice, bob, admin, sre);
        }
    }

    static final List<Row> MATRIX = List.of(
            // public
            new Row("GET", "/api/v1/products", 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/products/p1", 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/categories", 200, 200, 200, 200, 200),
            new Row("POST", "/graphql", 200, 200, 200, 200, 200),
            new Row("POST", "/api/v1/users/register", 200, 200, 200, 200, 200),
            new Row("POST", "/api/v1/payments/webhooks/chapa", 200, 200, 200, 200, 200),
            new Row("GET", "/v3/api-docs/catalog", 200, 200, 200, 200, 200),
            new Row("GET", "/actuator/health", 200, 200, 200, 200, 200),
            // authenticated: the service decides ownership and roles
            new Row("POST", "/api/v1/products", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/users/me", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/users", 401, 200, 200, 200, 200),
            new Row("POST", "/api/v1/orders", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/orders/o1", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/payments/o1", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/notifications", 401, 200, 200, 200, 200),
            // admin paths: refused at the gateway already
            new Row("GET", "/api/v1/orders/admin/dead-letters", 401, 403, 403, 200, 403),
            new Row("GET", "/api/v1/admin/blocklist", 401, 403, 403, 200, 403),
            // operator endpoints
            new Row("GET", "/actuator/gateway/routes", 401, 403, 403, 200, 200),
            new Row("GET", "/actuator/metrics", 401, 403, 403, 200, 200));

    static final Map<MatrixCaller, String> TOKENS = MatrixCaller.tokens("gateway");

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() throws Exception {
        var mismatches = new ArrayList<String>();
        for (var row : MATRIX) {
            for (var caller : MatrixCaller.values()) {
                var builder = request(row.path()).method(row.method(), row.method().equals("GET")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", someClientIp()); // own anonymous bucket per call
                if (caller != MatrixCaller.ANONYMOUS) {
                    builder.header("Authorization", TOKENS.get(caller));
                }
                var status = send(builder).statusCode();
                if (status != row.expected(caller)) {
                    mismatches.add(row.method() + " " + row.path() + " as " + caller + ": expected "
                            + row.expected(caller) + ", got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
