package dev.prodev.shop.catalog.graphql;

import static dev.prodev.shop.catalog.CatalogFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.catalog.CatalogFixtures;
import dev.prodev.shop.catalog.CatalogHttp;
import dev.prodev.shop.catalog.product.ProductCache;
import dev.prodev.shop.test.ShopIntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** The public GraphQL read API at /graphql over real HTTP and PostgreSQL. */
@ShopIntegrationTest
class GraphqlApiIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Autowired
    StringRedisTemplate redis;

    CatalogHttp http;
    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port);
        fixtures = new CatalogFixtures(http);
    }

    private JsonNode graphql(String query) {
        var response = http.post("/graphql", Map.of("query", query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CatalogHttp.json(response);
    }

    @Test
    void aQueryThatIsNotJsonIsA415ProblemNotAnEmptyAnswer() throws Exception {
        // the corpus found Spring for GraphQL's own 415 going out with no body at all
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "text/plain")
                .header("Accept", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{ products { totalItems } }"))
                .build();

        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(CatalogHttp.json(response).path("status").asInt()).isEqualTo(415);
    }

    @Test
    void filtersAndPagesProductsWithoutAToken() {
        var category = fixtures.category(unique("gql"), "GraphQL shelf", null);
        var cheap = unique("GQL");
        var dear = unique("GQL");
        fixtures.createProduct(cheap, "Cheap thing", "", category, "5.00", 1);
        fixtures.createProduct(dear, "Dear thing", "", category, "500.00", 0);

        var result = graphql("""
                { products(filter: {categoryId: "%s", minPrice: "1", inStock: true}, size: 10, sort: PRICE_ASC) {
                    totalItems items { sku price { amount currency } stock { available } category { id } } } }""".formatted(category));
        assertThat(result.get("errors")).isNull();
        var page = result.get("data").get("products");
        assertThat(page.get("totalItems").asInt()).isEqualTo(1);
        var item = page.get("items").get(0);
        assertThat(item.get("sku").asString()).isEqualTo(cheap);
        assertThat(item.get("price").get("amount").asString()).isEqualTo("5.00");
        assertThat(item.get("stock").get("available").asInt()).isEqualTo(1);
        assertThat(item.get("category").get("id").asString()).isEqualTo(category.toString());

        var invalid = http.post("/graphql", Map.of("query", "{ products(size: 1000) { totalItems } }"));
        assertThat(CatalogHttp.json(invalid).get("errors").get(0).get("message").asString())
                .contains("size");
        assertThat(CatalogHttp.json(invalid)
                        .get("errors")
                        .get(0)
                        .get("extensions")
                        .get("classification")
                        .asString())
                .isEqualTo("BAD_REQUEST");
    }

    @Test
    void nestedCategoryProductsCostTheSameNumberOfStatementsForOneOrManyCategories() {
        var query = """
                { categories { id slug products { sku category { slug } stock { available } } children { name } } }""";
        seedCategoryWithProducts();
        var few = statementsFor(query);

        for (int i = 0; i < 6; i++) {
            seedCategoryWithProducts();
        }
        var many = statementsFor(query);

        // categories, their products, the products' categories, their stock, the children: one statement each
        assertThat(few).isLessThanOrEqualTo(5);
        assertThat(many).isEqualTo(few);
    }

    private void seedCategoryWithProducts() {
        var category = fixtures.category(unique("n1"), "N+1 shelf", null);
        for (int i = 0; i < 3; i++) {
            fixtures.createProduct(unique("NP"), "Batch item " + i, "", category, "1.00", 2);
        }
    }

    private long statementsFor(String query) {
        var statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        statistics.clear();
        var result = graphql(query);
        assertThat(result.get("errors")).isNull();
        var categories = result.get("data").get("categories");
        var withProducts = new ArrayList<JsonNode>();
        categories.forEach(category -> {
            if (category.get("slug").asString().startsWith("n1-")
                    && category.get("products").size() > 0) {
                withProducts.add(category);
            }
        });
        assertThat(withProducts).isNotEmpty();
        for (var category : withProducts) {
            for (var product : category.get("products")) {
                assertThat(product.get("category").get("slug").asString())
                        .isEqualTo(category.get("slug").asString());
                assertThat(product.get("stock").get("available").asInt()).isEqualTo(2);
            }
        }
        return statistics.getPrepareStatementCount();
    }

    @Test
    void refusesQueriesDeeperOrMoreComplexThanTheLimits() {
        var deep = graphql("{ categories { children { children { children { children { children { name } } } } } } }");
        assertThat(deep.get("errors")).isNotNull();
        assertThat(deep.get("errors").get(0).get("message").asString()).containsIgnoringCase("depth");

        var wide = new StringBuilder("{");
        for (int i = 0; i < 120; i++) {
            wide.append(" a").append(i).append(": categories { id }");
        }
        wide.append(" }");
        var complex = graphql(wide.toString());
        assertThat(complex.get("errors")).isNotNull();
        assertThat(complex.get("errors").get(0).get("message").asString()).containsIgnoringCase("complexity");
    }

    @Test
    void searchTextLongerThan200CharactersIsAValidationErrorWithoutSqlOrCache() {
        var statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        var tooLong =
                ("z" + UUID.randomUUID().toString().replace("-", "")).repeat(7).substring(0, 201);
        statistics.clear();
        var refused = http.post(
                "/graphql",
                Map.of(
                        "query",
                        "query($t: String) { products(filter: {text: $t}) { totalItems } }",
                        "variables",
                        Map.of("t", tooLong)));
        var error = CatalogHttp.json(refused).get("errors").get(0);
        assertThat(error.get("message").asString()).contains("200");
        assertThat(error.get("extensions").get("classification").asString()).isEqualTo("ValidationError");
        assertThat(statistics.getPrepareStatementCount()).as("no SQL ran").isZero();
        assertThat(pageCacheKeys()).noneMatch(key -> key.contains(tooLong.substring(0, 50)));

        // a legal search is cached under a hash of its text, never the text itself
        var allowed = tooLong.substring(0, 200);
        assertThat(graphql("{ products(filter: {text: \"%s\"}) { totalItems } }".formatted(allowed))
                        .get("errors"))
                .isNull();
        var keys = pageCacheKeys();
        assertThat(keys).anyMatch(key -> key.contains(sha256(allowed)));
        assertThat(keys).noneMatch(key -> key.contains(allowed.substring(0, 50)));
    }

    private java.util.Set<String> pageCacheKeys() {
        return redis.keys("catalog:" + ProductCache.PAGES + "::*");
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void aHundredAliasedSearchesOfAHundredProductsAreRefusedForTheirCostBeforeAnySql() {
        var statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        for (var aliases : new int[] {100, 20}) {
            var query = new StringBuilder("{");
            for (int i = 0; i < aliases; i++) {
                query.append(" s")
                        .append(i)
                        .append(": products(filter: {text: \"lamp")
                        .append(i)
                        .append("\"}, size: 100) { items { id sku } }");
            }
            query.append(" }");
            statistics.clear();
            var refused = graphql(query.toString());
            assertThat(refused.get("errors")).as(aliases + " aliases").isNotNull();
            assertThat(refused.get("errors").get(0).get("message").asString())
                    .contains("cost")
                    .contains("limit is 3000");
            assertThat(refused.path("data").path("s0").isMissingNode()
                            || refused.path("data").path("s0").isNull())
                    .isTrue();
            assertThat(statistics.getPrepareStatementCount())
                    .as("no SQL ran for " + aliases + " aliases")
                    .isZero();
        }
        // a storefront page of 100 products with their price, stock and category stays well inside the limit
        var full = graphql("""
                { products(size: 100) { totalItems totalPages nextCursor items { id sku name description status imageUrls
                    price { amount currency } stock { onHand reserved available } category { id slug name } } } }""");
        assertThat(full.get("errors")).isNull();
    }

    @Test
    void pagesBeyondTheOffsetWindowAreRefusedAndTheCursorWalksOnInstead() {
        var atTheEdge = graphql("{ products(page: 100, size: 100) { page } }");
        assertThat(atTheEdge.get("errors")).isNull();
        var beyond = graphql("{ products(page: 101, size: 100) { page } }");
        var error = beyond.get("errors").get(0);
        assertThat(error.get("message").asString()).contains("10000").contains("after");
        assertThat(error.get("extensions").get("classification").asString()).isEqualTo("BAD_REQUEST");

        var category = fixtures.category(unique("gcur"), "Cursor shelf", null);
        var created = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            created.add(
                    0,
                    fixtures.createProduct(unique("GC" + i), "Cursor item " + i, "", category, "2.00", 1)
                            .toString());
        }
        var walked = new ArrayList<String>();
        String after = null;
        do {
            var page = graphql("{ products(filter: {categoryId: \"%s\"}, size: 2%s) { nextCursor items { id } } }"
                            .formatted(category, after == null ? "" : ", after: \"" + after + "\""))
                    .get("data")
                    .get("products");
            page.get("items").forEach(item -> walked.add(item.get("id").asString()));
            after = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (after != null && walked.size() < 10);
        assertThat(walked).as("newest first, each once").containsExactlyElementsOf(created);
        var misuse = graphql("{ products(sort: PRICE_ASC, after: \"x\") { page } }");
        assertThat(misuse.get("errors")
                        .get(0)
                        .get("extensions")
                        .get("classification")
                        .asString())
                .isEqualTo("BAD_REQUEST");
        var forged = graphql("{ products(after: \"not-a-cursor\") { page } }");
        assertThat(forged.get("errors").get(0).get("message").asString()).contains("cursor");
    }

    @Test
    void findsAProductByIdAndSkuAndAnswersNullForUnknownOnes() {
        var sku = unique("ONE");
        var id = fixtures.createProduct(sku, "Single", "", null, "3.50", 1);
        var found = graphql("{ product(id: \"%s\") { sku name } productBySku(sku: \"%s\") { id } }".formatted(id, sku));
        assertThat(found.get("data").get("product").get("sku").asString()).isEqualTo(sku);
        assertThat(found.get("data").get("productBySku").get("id").asString()).isEqualTo(id.toString());
        var missing = graphql("{ product(id: \"%s\") { sku } }".formatted(UUID.randomUUID()));
        assertThat(missing.get("data").get("product").isNull()).isTrue();
    }
}
