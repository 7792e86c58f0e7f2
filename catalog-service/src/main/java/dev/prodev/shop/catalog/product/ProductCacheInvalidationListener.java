package dev.prodev.shop.catalog.product;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps every replica's view of the shared Redis cache honest: a product change made by any
 * replica (or replayed) evicts its entries. Each replica listens with a group id of its own, so
 * every replica sees every change; eviction is idempotent, so at-least-once delivery is fine
 * and no inbox is needed. A product event of a type this build does not know yet still evicts
 * by key.
 */
@Component
class ProductCacheInvalidationListener implements EventSubscriber {

    static final String CONSUMER = "catalog.product-cache";

    private final ProductCache cache;

    ProductCacheInvalidationListener(ProductCache cache) {
        this.cache = cache;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.broadcast(CONSUMER, Topics.PRODUCTS)
                .groupId("catalog-cache-${shop.catalog.replica-id:${random.uuid}}")
                .consumerProperty("auto.offset.reset", "latest")
                .on(ProductChanged.class, change -> cache.evict(change.productId(), change.sku()))
                .otherwise(event -> {
                    if (event.key() != null) {
                        cache.evict(UUID.fromString(event.key()), null);
                    }
                })
                .build());
    }
}
