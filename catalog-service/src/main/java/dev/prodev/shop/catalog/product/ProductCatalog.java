package dev.prodev.shop.catalog.product;

import dev.prodev.shop.web.problem.ShopProblem;
import java.util.UUID;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product reads through the Redis read cache. A cache failure never reaches the caller
 * (see {@code CacheConfig}'s error handler): the read then simply comes from PostgreSQL.
 */
@Service
public class ProductCatalog {

    private final ProductRepository products;
    private final ProductSearch search;

    ProductCatalog(ProductRepository products, ProductSearch search) {
        this.products = products;
        this.search = search;
    }

    @Cacheable(cacheNames = ProductCache.BY_ID, key = "#id")
    @Transactional(readOnly = true)
    public ProductView byId(UUID id) {
        return products.findById(id).map(ProductView::of).orElseThrow(() -> ShopProblem.notFound("product", id));
    }

    @Cacheable(cacheNames = ProductCache.BY_SKU, key = "#sku")
    @Transactional(readOnly = true)
    public ProductView bySku(String sku) {
        return products.findBySku(sku)
                .map(ProductView::of)
                .orElseThrow(() -> ShopProblem.notFound("product", "SKU " + sku));
    }

    @Cacheable(cacheNames = ProductCache.PAGES, key = "#query.cacheKey()")
    public ProductPage search(ProductQuery query) {
        return search.find(query);
    }
}
