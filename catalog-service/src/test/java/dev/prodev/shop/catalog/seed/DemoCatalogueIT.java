package dev.prodev.shop.catalog.seed;

import static dev.prodev.shop.catalog.CatalogHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prodev.shop.catalog.CatalogHttp;
import dev.prodev.shop.test.ShopIntegrationTest;
import java.util.HashMap;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue #16: with {@code shop.catalog.demo.enabled} (what deploy/local/up sets) the service starts
 * with the whole demo catalogue, browsable without a token, images included, and loading again (a
 * restart) adds nothing.
 */
@ShopIntegrationTest(
        properties = {"shop.catalog.demo.enabled=true", "shop.catalog.demo.image-base-url=http://shop.example:8080/"})
class DemoCatalogueIT {

    @Value("${local.server.port}")
    int port;

    @Autowired
    DemoCatalogue demo;

    @Autowired
    JdbcTemplate jdbc;

    CatalogHttp http;

    @BeforeEach
    void setUp() {
        http = new CatalogHttp(port);
    }

    @Test
    void everyDemoProductIsListedWithItsCategoryEtbPriceStockAndALocalImage() {
        var data = DemoCatalogue.read();
        var categoryIds = new HashMap<String, UUID>();
        json(http.get("/api/v1/categories"))
                .forEach(c -> categoryIds.put(
                        c.get("slug").asString(), UUID.fromString(c.get("id").asString())));
        data.categories().forEach(c -> assertThat(categoryIds).containsKey(c.slug()));

        for (var item : data.products()) {
            var response = http.get("/api/v1/products/sku/" + item.sku());
            assertThat(response.statusCode()).as(item.sku()).isEqualTo(200);
            var product = json(response);
            assertThat(product.get("name").asString()).isEqualTo(item.name());
            assertThat(UUID.fromString(product.get("categoryId").asString()))
                    .isEqualTo(categoryIds.get(item.category()));
            assertThat(product.get("price").get("currency").asString()).isEqualTo("ETB");
            assertThat(product.get("price").get("amount").decimalValue()).isEqualByComparingTo(item.price());
            var image = product.get("imageUrls").get(0).asString();
            assertThat(image)
                    .isEqualTo("http://shop.example:8080/api/v1/products/images/"
                            + item.sku().toLowerCase(Locale.ROOT) + ".svg");
            var stock = json(http.get("/api/v1/products/" + product.get("id").asString() + "/stock"));
            assertThat(stock.get("onHand").asInt()).as(item.sku()).isEqualTo(item.initialStock());
        }
        var listed = json(http.get("/api/v1/products?size=100"));
        assertThat(listed.get("totalItems").asInt())
                .isGreaterThanOrEqualTo(data.products().size());
    }

    @Test
    void theImagesAreServedWithoutATokenAsSvgAndCached() {
        var response = http.get("/api/v1/products/images/book-ddia.svg");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("max-age=86400").contains("public"));
        assertThat(response.body()).startsWith("<svg").contains("Designing");
        assertThat(http.get("/api/v1/products/images/no-such-product.svg").statusCode())
                .isEqualTo(404);
    }

    @Test
    void loadingAgainLikeARestartAddsNothing() {
        var data = DemoCatalogue.read();
        var again = demo.load();
        assertThat(again.categoriesCreated()).isZero();
        assertThat(again.productsCreated()).isZero();
        assertThat(again.productsThere()).isEqualTo(data.products().size());
        var skus = data.products().stream().map(DemoCatalogue.DemoProduct::sku).toArray(String[]::new);
        var rows = jdbc.queryForObject("select count(*) from product where sku = any(?)", Integer.class, (Object) skus);
        assertThat(rows).isEqualTo(data.products().size());
        var categories = jdbc.queryForObject(
                "select count(*) from category where slug = any(?)", Integer.class, (Object) data.categories().stream()
                        .map(DemoCatalogue.DemoCategory::slug)
                        .toArray(String[]::new));
        assertThat(categories).isEqualTo(data.categories().size());
    }
}
