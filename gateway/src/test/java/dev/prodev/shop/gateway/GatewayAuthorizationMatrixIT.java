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
class GatewayAuthorizationMatrixIT extends GatewayIntegrationTest {

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
            new Row("GET", "/api/v1/users/me", 401, 200, 200, 200, 200),
            new Row("POST", "/api/v1/orders", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/orders/o1", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/payments/o1", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/notifications", 401, 200, 200, 200, 200),
            new Row("GET", "/api/v1/products/p1/stock", 200, 200, 200, 200, 200),
            new Row("GET", "/api/v1/users/me/addresses", 401, 200, 200, 200, 200),
            new Row("POST", "/api/v1/orders/o1/cancel", 401, 200, 200, 200, 200),
            new Row("POST", "/api/v1/notifications/n1/read", 401, 200, 200, 200, 200),
            // operator endpoints: callers here come from outside the management networks (see ManagementExposureIT)
            new Row("GET", "/actuator/gateway/routes", 404, 404, 404, 404, 404),
            new Row("GET", "/actuator/metrics", 404, 404, 404, 404, 404),
            new Row("GET", "/actuator/prometheus", 404, 404, 404, 404, 404));

    /**
     * Every admin-only mapping of every service (their controllers' {@code @PreAuthorize("hasRole('admin')")}
     * and each service's dead-letter API under {@code shop.messaging.admin-path}) and the gateway's own:
     * refused at the gateway to everyone but admins, whatever the service would say.
     */
    static final List<Row> ADMIN_PATHS = adminRows();

    static List<Row> adminRows() {
        var rows = new ArrayList<Row>();
        for (var prefix : List.of("users", "products", "orders", "payments", "notifications")) {
            var deadLetters = "/api/v1/" + prefix + "/admin/dead-letters";
            rows.add(admin("GET", deadLetters, 200));
            rows.add(admin("GET", deadLetters + "/d1", 200));
            rows.add(admin("POST", deadLetters + "/d1/redrive", 200));
        }
        // the finding of issue #12: once matched by the public product-read rule, in every spelling
        rows.add(admin("GET", "/api/v1/products/admin/dead-letters/", 200));
        rows.add(admin("HEAD", "/api/v1/products/admin/dead-letters", 200));
        rows.add(admin("GET", "/api/v1/products/%61dmin/dead-letters", 200));
        rows.add(admin("GET", "/api/v1/categories/admin/anything", 200));
        // notification-service: e-mail delivery queue
        rows.add(admin("GET", "/api/v1/notifications/admin/deliveries", 200));
        rows.add(admin("POST", "/api/v1/notifications/admin/deliveries/d1/redrive", 200));
        // user-service: the user list and disabling an account
        rows.add(admin("GET", "/api/v1/users", 200));
        rows.add(admin("GET", "/api/v1/users?q=alice", 200));
        rows.add(admin("POST", "/api/v1/users/u1/disable", 200));
        // catalog-service: every write to products, stock and categories
        rows.add(admin("POST", "/api/v1/products", 200));
        rows.add(admin("PUT", "/api/v1/products/p1", 200));
        rows.add(admin("PATCH", "/api/v1/products/p1", 200));
        rows.add(admin("DELETE", "/api/v1/products/p1", 200));
        rows.add(admin("POST", "/api/v1/products/p1/discontinue", 200));
        rows.add(admin("POST", "/api/v1/products/p1/stock/adjustments", 200));
        rows.add(admin("POST", "/api/v1/categories", 200));
        rows.add(admin("PUT", "/api/v1/categories/c1", 200));
        rows.add(admin("DELETE", "/api/v1/categories/c1", 200));
        // payment-service: refunds
        rows.add(admin("POST", "/api/v1/payments/o1/refund", 200));
        // order-service: refunding a confirmed order through the saga (ADR 0025)
        rows.add(admin("POST", "/api/v1/orders/o1/refund", 200));
        // the gateway's own blocklist (served here: the admin meets its validation and its 404)
        rows.add(admin("GET", "/api/v1/admin/blocklist", 200));
        rows.add(admin("POST", "/api/v1/admin/blocklist", 400));
        rows.add(admin("DELETE", "/api/v1/admin/blocklist/198.51.100.77", 404));
        return rows;
    }

    /** Anonymous 401, customers and the SRE 403, the admin reaches the handler. */
    static Row admin(String method, String path, int admin) {
        return new Row(method, path, 401, 403, 403, admin, 403);
    }

    static final Map<MatrixCaller, String> TOKENS = MatrixCaller.tokens("gateway");

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() throws Exception {
        assertThat(mismatches(MATRIX)).isEmpty();
    }

    @Test
    void everyAdminPathIsRefusedAtTheGatewayToAllButAdmins() throws Exception {
        assertThat(mismatches(ADMIN_PATHS)).isEmpty();
    }

    List<String> mismatches(List<Row> rows) throws Exception {
        var mismatches = new ArrayList<String>();
        for (var row : rows) {
            for (var caller : MatrixCaller.values()) {
                var builder = request(row.path())
                        .method(
                                row.method(),
                                List.of("GET", "HEAD").contains(row.method())
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString("{}"))
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
        return mismatches;
    }
}
