package dev.prodev.shop.catalog.product;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Invalidation of the product read cache. Evicts only after the writing transaction committed
 * (evicting before would let a concurrent read put the old row back), and a Redis failure is
 * logged, never thrown: the TTL bounds how long a missed eviction can serve stale data.
 */
@Component
public class ProductCache {

    public static final String BY_ID = "products";
    public static final String BY_SKU = "products-by-sku";
    /** Listing pages: short TTL, cleared on every product or stock write. */
    public static final String PAGES = "product-pages";

    private static final Logger log = LoggerFactory.getLogger(ProductCache.class);

    private final CacheManager caches;

    public ProductCache(CacheManager caches) {
        this.caches = caches;
    }

    /** Evicts this product's entries and every listing page, after commit when a transaction is active. */
    public void evictAfterCommit(UUID id, String sku) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evict(id, sku);
                }
            });
        } else {
            evict(id, sku);
        }
    }

    /** Clears the listing pages only (stock changes move products in and out of "in stock"). */
    public void evictPagesAfterCommit() {
        evictAfterCommit(null, null);
    }

    public void evict(UUID id, String sku) {
        if (id != null) {
            quietly(BY_ID, cache -> cache.evict(id));
        }
        if (sku != null) {
            quietly(BY_SKU, cache -> cache.evict(sku));
        }
        quietly(PAGES, Cache::clear);
    }

    private void quietly(String name, java.util.function.Consumer<Cache> action) {
        try {
            var cache = caches.getCache(name);
            if (cache != null) {
                action.accept(cache);
            }
        } catch (RuntimeException ex) {
            log.warn("product cache '{}' not invalidated (entries expire by TTL): {}", name, ex.toString());
        }
    }
}
