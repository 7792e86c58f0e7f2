package dev.prodev.shop.catalog.category;

import static dev.prodev.shop.catalog.CatalogFixtures.ADMIN;
import static dev.prodev.shop.catalog.CatalogFixtures.CUSTOMER;
import static dev.prodev.shop.catalog.CatalogFixtures.unique;
import static dev.prodev.shop.catalog.CatalogHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.catalog.CatalogFixtures;
import dev.prodev.shop.catalog.CatalogHttp;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

@ShopIntegrationTest
class CategoryApiIT {

    @Value("${local.server.port}")
    int port;

    CatalogHttp http;
    CatalogFixtures fixtures;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port);
        fixtures = new CatalogFixtures(http);
    }

    private static Map<String, Object> body(String slug, String name, UUID parent) {
        var body = new HashMap<String, Object>();
        body.put("slug", slug);
        body.put("name", name);
        body.put("parentId", parent);
        return body;
    }

    private static JsonNode find(JsonNode nodes, String id) {
        for (var node : nodes) {
            if (node.get("id").asString().equals(id)) {
                return node;
            }
        }
        return null;
    }

    @Test
    void theTreeIsPublicAndNestsChildrenUnderTheirParents() {
        var root = fixtures.category(unique("root"), "Root", null);
        var child = fixtures.category(unique("child"), "Child", root);
        var grandchild = fixtures.category(unique("grand"), "Grandchild", child);

        var tree = http.get("/api/v1/categories/tree");
        assertThat(tree.statusCode()).isEqualTo(200);
        var rootNode = find(json(tree), root.toString());
        assertThat(rootNode).isNotNull();
        var childNode = find(rootNode.get("children"), child.toString());
        assertThat(find(childNode.get("children"), grandchild.toString())).isNotNull();
        assertThat(find(json(tree), child.toString()))
                .as("a child is not a root")
                .isNull();
        assertThat(json(http.get("/api/v1/categories/" + grandchild))
                        .get("parentId")
                        .asString())
                .isEqualTo(child.toString());
        assertThat(http.get("/api/v1/categories/" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void onlyAdminsChangeCategoriesAndTheTreeStaysATree() {
        var slug = unique("cat");
        assertThat(http.post("/api/v1/categories", body(slug, "X", null)).statusCode())
                .isEqualTo(401);
        assertThat(http.post("/api/v1/categories", body(slug, "X", null), "Authorization", CUSTOMER)
                        .statusCode())
                .isEqualTo(403);
        var root = fixtures.category(slug, "Root", null);
        var child = fixtures.category(unique("cat"), "Child", root);

        assertThat(http.post("/api/v1/categories", body(slug, "Again", null), "Authorization", ADMIN)
                        .statusCode())
                .as("duplicate slug")
                .isEqualTo(409);
        assertThat(http.post("/api/v1/categories", body("Not A Slug!", "", null), "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.put("/api/v1/categories/" + root, body(slug, "Root", child), "Authorization", ADMIN)
                        .statusCode())
                .as("moving a node below its own child")
                .isEqualTo(422);
        assertThat(http.put("/api/v1/categories/" + root, body(slug, "Renamed root", null), "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(200);

        assertThat(http.delete("/api/v1/categories/" + root, "Authorization", ADMIN)
                        .statusCode())
                .as("has a subcategory")
                .isEqualTo(409);
        fixtures.createProduct(unique("INCAT"), "In category", "", child, "1.00", 0);
        assertThat(http.delete("/api/v1/categories/" + child, "Authorization", ADMIN)
                        .statusCode())
                .as("has a product")
                .isEqualTo(409);
        var empty = fixtures.category(unique("empty"), "Empty", root);
        assertThat(http.delete("/api/v1/categories/" + empty, "Authorization", CUSTOMER)
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.delete("/api/v1/categories/" + empty, "Authorization", ADMIN)
                        .statusCode())
                .isEqualTo(204);
        assertThat(http.get("/api/v1/categories/" + empty).statusCode()).isEqualTo(404);
    }
}
