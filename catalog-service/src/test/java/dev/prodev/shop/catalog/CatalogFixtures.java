package dev.prodev.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.test.TestTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Creates categories and products through the admin API, each with names unique to the calling test. */
public record CatalogFixtures(CatalogHttp http) {

    public static final String ADMIN = TestTokens.bearer("admin", "admin", "customer");
    public static final String CUSTOMER = TestTokens.bearer("alice", "customer");

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public UUID category(String slug, String name, UUID parentId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("slug", slug);
        body.put("name", name);
        body.put("parentId", parentId);
        var response = http.post("/api/v1/categories", body, "Authorization", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(CatalogHttp.json(response).get("id").asString());
    }

    public static Map<String, Object> product(
            String sku, String name, String description, UUID categoryId, String price, int stock) {
        var body = new LinkedHashMap<String, Object>();
        body.put("sku", sku);
        body.put("name", name);
        body.put("description", description);
        body.put("categoryId", categoryId);
        body.put("price", Map.of("amount", price, "currency", "ETB"));
        body.put("attributes", Map.of("colour", "black"));
        body.put("imageUrls", List.of("https://images.example.com/" + sku + ".jpg"));
        body.put("initialStock", stock);
        return body;
    }

    public JsonNode create(Map<String, Object> product) {
        var response = http.post("/api/v1/products", product, "Authorization", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return CatalogHttp.json(response);
    }

    public UUID createProduct(String sku, String name, String description, UUID categoryId, String price, int stock) {
        return UUID.fromString(create(product(sku, name, description, categoryId, price, stock))
                .get("id")
                .asString());
    }
}
