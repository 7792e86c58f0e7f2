package dev.prodev.shop.catalog.graphql;

import static dev.prodev.shop.catalog.CatalogFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.catalog.CatalogFixtures;
import dev.prodev.shop.catalog.CatalogHttp;
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
import tools.jackson.databind.JsonNode;

/** The public GraphQL read API at /graphql over real HTTP and PostgreSQL. */
@ShopIntegrationTest
class GraphqlApiIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    EntityManagerFactory entityManagerFactory;

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
    void filtersAndPagesProductsWithoutAToken() {
        var category = fixtures.category(unique("gql"), "GraphQL shelf", null);
        var cheap = unique("GQL");
        var dear = unique("GQL");
        fixtures.createProduct(cheap, "Cheap thing", "", category, "5.00", 1);
        fixtures.createProduct(dear, "Dear thing", "", category, "500.00", 0);

        var result = graphql("""
                { products(filter: {categoryId: "%s", minPrice: "1", inStock: true}, size: 10, sort: PRICE_ASC) {
                    totalItems items { sku price { amount currency } stock { available } category { id } } } }"""
                .formatted(category));
        assertThat(result.get("errors")).isNull();
        var page = result.get("data").get("products");
        assertThat(page.get("totalItems").asInt()).isEqualTo(1);
        var item = page.get("items").get(0);
        assertThat(item.get("sku").asString()).isEqualTo(cheap);
        assertThat(item.get("price").get("amount").asString()).isEqualTo("5.00");
        assertThat(item.get("stock").get("available").asInt()).isEqualTo(1);
        assertThat(item.get("category").get("id").asString()).isEqualTo(category.toString());

        var invalid = http.post("/graphql", Map.of("query", "{ products(size: 1000) { totalItems } }"));
        assertThat(CatalogHttp.json(invalid).get("errors").get(0).get("message").asString()).contains("size");
        assertThat(CatalogHttp.json(invalid).get("errors").get(0).get("extensions").get("classification").asString())
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
            if (category.get("slug").asString().startsWith("n1-") && category.get("products").size() > 0) {
                withProducts.add(category);
            }
        });
        assertThat(withProducts).isNotEmpty();
        for (var category : withProducts) {
            for (var product : category.get("products")) {
                assertThat(product.get("category").get("slug").asString()).isEqualTo(category.get("slug").asString());
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
