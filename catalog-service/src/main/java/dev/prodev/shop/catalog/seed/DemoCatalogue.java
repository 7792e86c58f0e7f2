package dev.prodev.shop.catalog.seed;

import dev.prodev.shop.catalog.category.Category;
import dev.prodev.shop.catalog.category.CategoryRepository;
import dev.prodev.shop.catalog.product.ProductAdmin;
import dev.prodev.shop.catalog.product.ProductRepository;
import dev.prodev.shop.catalog.product.ProductRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo catalogue of the local platform (issue #16): {@code deploy/local/up} starts
 * catalog-service with {@code SHOP_CATALOG_DEMO_ENABLED=true} unless {@code SHOP_LOCAL_DEMO=off};
 * everywhere else (compose, k8s, tests) it is off by default. The data is
 * {@code demo/catalogue.json} (written by {@code src/demo/generate.py}, with one SVG per product
 * served by this service under {@code /api/v1/products/images/}).
 *
 * <p>Idempotent: categories (by slug) and products (by SKU) that exist are left alone, so a
 * restart loads nothing twice and an admin's edits survive. Products go through
 * {@link ProductAdmin}, so their {@code product.created} events reach order-service's price read
 * model like real ones. The file is read strictly: an unknown field (say {@code "stock"} instead
 * of {@code "initialStock"}) stops the service instead of silently seeding zero stock.
 */
@Component
@ConditionalOnBooleanProperty("shop.catalog.demo.enabled")
class DemoCatalogue implements CommandLineRunner {

    static final String DATA = "demo/catalogue.json";
    static final String IMAGE_PATH = "/api/v1/products/images/";

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    record Data(List<DemoCategory> categories, List<DemoProduct> products) {}

    record DemoCategory(String slug, String name, String parent) {}

    record DemoProduct(
            String sku,
            String name,
            String category,
            BigDecimal price,
            int initialStock,
            String description,
            Map<String, Object> attributes) {}

    record Loaded(int categoriesCreated, int productsCreated, int productsThere) {}

    private final CategoryRepository categories;
    private final ProductRepository products;
    private final ProductAdmin admin;
    private final String imageBaseUrl;

    DemoCatalogue(
            CategoryRepository categories,
            ProductRepository products,
            ProductAdmin admin,
            @Value("${shop.catalog.demo.image-base-url}") String imageBaseUrl) {
        this.categories = categories;
        this.products = products;
        this.admin = admin;
        this.imageBaseUrl = imageBaseUrl.replaceAll("/+$", "");
    }

    static Data read() {
        try (var in = new ClassPathResource(DATA).getInputStream()) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DATA, e);
        }
    }

    static Data read(InputStream in) {
        var mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .build();
        return mapper.readValue(in, Data.class);
    }

    @Override
    public void run(String... args) {
        var loaded = load();
        log.info(
                "demo catalogue: {} new categor(ies), {} new product(s), {} product(s) already there",
                loaded.categoriesCreated(),
                loaded.productsCreated(),
                loaded.productsThere());
    }

    Loaded load() {
        var data = read();
        var ids = new HashMap<String, UUID>();
        categories.findAll().forEach(category -> ids.put(category.getSlug(), category.getId()));
        int newCategories = 0;
        for (var row : data.categories()) {
            if (!ids.containsKey(row.slug())) {
                var parent = row.parent() == null ? null : require(ids, row.parent(), row.slug());
                ids.put(
                        row.slug(),
                        categories
                                .save(new Category(UUID.randomUUID(), parent, row.slug(), row.name()))
                                .getId());
                newCategories++;
            }
        }
        int created = 0;
        for (var item : data.products()) {
            if (products.existsBySku(item.sku())) {
                continue;
            }
            admin.create(new ProductRequest(
                    item.sku(),
                    item.name(),
                    item.description(),
                    require(ids, item.category(), item.sku()),
                    new ProductRequest.Money(item.price(), "ETB"),
                    item.attributes(),
                    List.of(imageBaseUrl + IMAGE_PATH + item.sku().toLowerCase(Locale.ROOT) + ".svg"),
                    item.initialStock()));
            created++;
        }
        return new Loaded(newCategories, created, data.products().size() - created);
    }

    private static UUID require(Map<String, UUID> ids, String slug, String usedBy) {
        var id = ids.get(slug);
        if (id == null) {
            throw new IllegalStateException(DATA + ": " + usedBy + " names unknown category '" + slug + "'");
        }
        return id;
    }
}
