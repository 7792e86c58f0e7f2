package dev.prodev.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.messaging.CloudEventRecords;
import dev.prodev.shop.messaging.deadletter.DeadLetterStore;
import dev.prodev.shop.test.MatrixCaller;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every catalog-service endpoint (REST products, categories and stock, the GraphQL read API, the
 * dead-letter admin endpoints) × {anonymous, alice, bob (another customer), admin, sre}, with real
 * signed tokens, as the service itself decides (defence in depth: the gateway decides first).
 * The catalogue is public to read and written by admins only; nothing in it is owned by a customer.
 */
@ShopIntegrationTest
class CatalogAuthorizationMatrixIT {

    private static final String DEAD_LETTERS = "/api/v1/products/admin/dead-letters";

    record Row(
            String method,
            String path,
            String body,
            Map<String, String> headers,
            int anonymous,
            int alice,
            int bob,
            int admin,
            int sre) {

        Row(String method, String path, String body, int anonymous, int alice, int bob, int admin, int sre) {
            this(method, path, body, Map.of(), anonymous, alice, bob, admin, sre);
        }

        int expected(MatrixCaller caller) {
            return caller.pick(anonymous, alice, bob, admin, sre);
        }

        boolean writes() {
            return !method.equals("GET") && !path.equals("/graphql");
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    DeadLetterStore deadLetters;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyEndpointAnswersEachCallerAsTheMatrixSays() {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var tokens = MatrixCaller.tokens(run);

        var http = new CatalogHttp(port);
        var fixtures = new CatalogFixtures(http);
        var categorySlug = "matrix-" + run;
        var category = fixtures.category(categorySlug, "Matrix shelf", null);
        var emptyCategory = fixtures.category("matrix-empty-" + run, "Empty matrix shelf", category);
        var sku = "MATRIX-" + run;
        var product = fixtures.createProduct(sku, "Matrix lamp", "A lamp for the matrix", category, "25.00", 10);
        var doomed = fixtures.createProduct("MATRIX-OLD-" + run, "Matrix old lamp", "", category, "9.00", 1);
        var deadLetter = deadLetter("matrix.catalog." + run);

        var categoryBody = "{\"slug\":\"" + categorySlug + "\",\"name\":\"Matrix shelf, renamed\"}";
        var newCategory = "{\"slug\":\"matrix-new-" + run + "\",\"name\":\"New matrix shelf\"}";
        var newProduct = CatalogHttp.JSON.writeValueAsString(
                CatalogFixtures.product("MATRIX-NEW-" + run, "New matrix lamp", "", category, "30.00", 3));
        var productBody = CatalogHttp.JSON.writeValueAsString(
                CatalogFixtures.product(sku, "Matrix lamp, brighter", "A lamp for the matrix", category, "27.50", 0));
        var graphQlRead =
                CatalogHttp.JSON.writeValueAsString(Map.of("query", """
                { products(filter: {categoryId: "%s"}, size: 5) { totalItems items { sku stock { available } } }
                  product(id: "%s") { sku price { amount } category { slug } }
                  productBySku(sku: "%s") { id }
                  categories { id }
                  category(id: "%s") { slug children { slug } products { sku } } }""".formatted(category, product, sku, category)));

        var rows = List.of(
                // products: public reads
                new Row(
                        "GET",
                        "/api/v1/products?category=" + category + "&sort=price,asc",
                        null,
                        200,
                        200,
                        200,
                        200,
                        200),
                new Row("GET", "/api/v1/products?q=matrix+lamp", null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/v1/products/" + product, null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/v1/products/sku/" + sku, null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/v1/products/" + product + "/stock", null, 200, 200, 200, 200, 200),
                // products: admin writes; refused before the body or the If-Match is looked at
                new Row("POST", "/api/v1/products", newProduct, 401, 403, 403, 201, 403),
                new Row(
                        "PUT",
                        "/api/v1/products/" + product,
                        productBody,
                        Map.of("If-Match", "*"),
                        401,
                        403,
                        403,
                        200,
                        403),
                new Row(
                        "POST",
                        "/api/v1/products/" + product + "/stock/adjustments",
                        "{\"delta\":5,\"reason\":\"matrix delivery\"}",
                        401,
                        403,
                        403,
                        200,
                        403),
                new Row("POST", "/api/v1/products/" + doomed + "/discontinue", null, 401, 403, 403, 200, 403),
                // categories: public reads, admin writes
                new Row("GET", "/api/v1/categories", null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/v1/categories/tree", null, 200, 200, 200, 200, 200),
                new Row("GET", "/api/v1/categories/" + category, null, 200, 200, 200, 200, 200),
                new Row("POST", "/api/v1/categories", newCategory, 401, 403, 403, 201, 403),
                new Row("PUT", "/api/v1/categories/" + category, categoryBody, 401, 403, 403, 200, 403),
                new Row("DELETE", "/api/v1/categories/" + emptyCategory, null, 401, 403, 403, 204, 403),
                // GraphQL: a public read API, the same for everyone
                new Row("POST", "/graphql", graphQlRead, 200, 200, 200, 200, 200),
                // dead letters of the stock consumer: admins only
                new Row("GET", DEAD_LETTERS, null, 401, 403, 403, 200, 403),
                new Row("GET", DEAD_LETTERS + "/" + deadLetter, null, 401, 403, 403, 200, 403),
                new Row("POST", DEAD_LETTERS + "/" + deadLetter + "/redrive", null, 401, 403, 403, 200, 403));

        var mismatches = new ArrayList<String>();
        for (var row : rows) {
            for (var caller : row.writes() ? MatrixCaller.ADMIN_LAST : List.of(MatrixCaller.values())) {
                var headers = new ArrayList<String>();
                row.headers().forEach((name, value) -> {
                    headers.add(name);
                    headers.add(value);
                });
                if (tokens.containsKey(caller)) {
                    headers.add("Authorization");
                    headers.add(tokens.get(caller));
                }
                var response = http.send(row.method(), row.path(), row.body(), headers.toArray(String[]::new));
                var where = row.method() + " " + row.path() + " as " + caller;
                if (response.statusCode() != row.expected(caller)) {
                    mismatches.add(where + ": expected " + row.expected(caller) + ", got " + response.statusCode() + " "
                            + response.body());
                }
                var contentType = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() >= 400 && !contentType.startsWith("application/problem+json")) {
                    mismatches.add(where + ": not problem+json but '" + contentType + "'");
                }
                if (row.path().equals("/graphql") && response.body().contains("\"errors\"")) {
                    mismatches.add(where + ": GraphQL errors " + response.body());
                }
            }
        }
        // GraphQL has no write side at all: a mutation is refused as an unknown operation, whoever sends it
        var mutation = CatalogHttp.JSON.writeValueAsString(
                Map.of("query", "mutation { discontinue(id: \"%s\") { id } }".formatted(product)));
        for (var caller : MatrixCaller.values()) {
            var response = tokens.containsKey(caller)
                    ? http.post("/graphql", mutation, "Authorization", tokens.get(caller))
                    : http.post("/graphql", mutation);
            if (response.statusCode() != 200 || !response.body().contains("'Mutation' operation is not supported")) {
                mismatches.add("GraphQL mutation as " + caller + ": " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(mismatches).isEmpty();

        // the admin's writes did happen, once each
        assertThat(jdbc.queryForObject("select name from category where id = ?", String.class, category))
                .isEqualTo("Matrix shelf, renamed");
        assertThat(jdbc.queryForObject("select count(*) from category where id = ?", Integer.class, emptyCategory))
                .isZero();
        assertThat(jdbc.queryForObject("select on_hand from stock where product_id = ?", Integer.class, product))
                .isEqualTo(15);
        assertThat(jdbc.queryForObject("select status from product where id = ?", String.class, doomed))
                .isEqualTo("DISCONTINUED");
        assertThat(jdbc.queryForObject("select name from product where id = ?", String.class, product))
                .isEqualTo("Matrix lamp, brighter");
        assertThat(jdbc.queryForObject(
                        "select count(*) from product where sku = ?", Integer.class, "MATRIX-NEW-" + run))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select redrive_count from dead_letter where id = ?", Integer.class, deadLetter))
                .isEqualTo(1);
    }

    /**
     * A dead letter of this service as the recoverer records it: a stock commit for an order nobody
     * knows, so its redrive (applied in-process through the consumer's table) changes nothing.
     */
    private UUID deadLetter(String run) {
        var orderId = UUID.randomUUID();
        var eventId = UUID.randomUUID();
        var produced = CloudEventRecords.create(
                Topics.STOCK_COMMANDS,
                orderId.toString(),
                eventId,
                CommitStock.TYPE,
                "order-service",
                Instant.now(),
                ("{\"orderId\":\"%s\"}").formatted(orderId).getBytes(StandardCharsets.UTF_8));
        var consumed = new ConsumerRecord<>(
                produced.topic(),
                0,
                ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
                produced.key(),
                produced.value());
        produced.headers().forEach(header -> consumed.headers().add(header));
        deadLetters.record("catalog-service", consumed, new IllegalStateException("matrix " + run));
        return jdbc.queryForObject("select id from dead_letter where event_id = ?", UUID.class, eventId.toString());
    }
}
