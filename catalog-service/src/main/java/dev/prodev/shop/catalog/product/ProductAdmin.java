package dev.prodev.shop.catalog.product;

import dev.prodev.shop.catalog.category.CategoryRepository;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.web.problem.ShopProblem;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admin writes on products. Each one, in a single transaction: the row, the outbox event, and
 * (after commit) the cache eviction. {@code expectedVersion} comes from {@code If-Match}.
 */
@Service
public class ProductAdmin {

    private final ProductRepository products;
    private final CategoryRepository categories;
    private final ProductChangePublisher events;
    private final ProductCache cache;
    private final JdbcTemplate jdbc;

    ProductAdmin(
            ProductRepository products,
            CategoryRepository categories,
            ProductChangePublisher events,
            ProductCache cache,
            JdbcTemplate jdbc) {
        this.products = products;
        this.categories = categories;
        this.events = events;
        this.cache = cache;
        this.jdbc = jdbc;
    }

    @Transactional
    public ProductView create(ProductRequest request) {
        if (request.sku() == null || request.sku().isBlank()) {
            throw ShopProblem.badRequest("sku is required to create a product.");
        }
        if (products.existsBySku(request.sku())) {
            throw ShopProblem.conflict("A product with SKU '" + request.sku() + "' already exists.");
        }
        requireCategory(request.categoryId());
        var product = new Product(
                UUID.randomUUID(),
                request.sku(),
                request.name(),
                request.price().amount(),
                request.price().currency());
        product.update(
                request.name(),
                request.description(),
                request.categoryId(),
                request.price().amount(),
                request.price().currency(),
                request.attributes(),
                request.imageUrls());
        products.saveAndFlush(product);
        var initial = request.initialStock() == null ? 0 : request.initialStock();
        jdbc.update("insert into stock (product_id, on_hand, reserved) values (?, ?, 0)", product.getId(), initial);
        events.changed(ProductChanged.CREATED, product);
        cache.evictPagesAfterCommit();
        return ProductView.of(product);
    }

    @Transactional
    public ProductView update(UUID id, Long expectedVersion, ProductRequest request) {
        var product = load(id, expectedVersion);
        if (request.sku() != null && !request.sku().isBlank() && !request.sku().equals(product.getSku())) {
            throw ShopProblem.unprocessable("The SKU identifies the product and cannot change.");
        }
        requireCategory(request.categoryId());
        var priceChanged = product.update(
                request.name(),
                request.description(),
                request.categoryId(),
                request.price().amount(),
                request.price().currency(),
                request.attributes(),
                request.imageUrls());
        products.saveAndFlush(product);
        events.changed(priceChanged ? ProductChanged.PRICE_CHANGED : ProductChanged.UPDATED, product);
        cache.evictAfterCommit(product.getId(), product.getSku());
        return ProductView.of(product);
    }

    @Transactional
    public ProductView discontinue(UUID id, Long expectedVersion) {
        var product = load(id, expectedVersion);
        if (product.discontinue()) {
            products.saveAndFlush(product);
            events.changed(ProductChanged.DISCONTINUED, product);
            cache.evictAfterCommit(product.getId(), product.getSku());
        }
        return ProductView.of(product);
    }

    private Product load(UUID id, Long expectedVersion) {
        var product = products.findById(id).orElseThrow(() -> ShopProblem.notFound("product", id));
        if (expectedVersion != null && expectedVersion != product.getVersion()) {
            throw ShopProblem.preconditionFailed("The product changed since you read it (version "
                    + product.getVersion() + ", you sent " + expectedVersion + "); reload it and retry.");
        }
        return product;
    }

    private void requireCategory(UUID categoryId) {
        if (categoryId != null && !categories.existsById(categoryId)) {
            throw ShopProblem.unprocessable("The category " + categoryId + " does not exist.");
        }
    }
}
