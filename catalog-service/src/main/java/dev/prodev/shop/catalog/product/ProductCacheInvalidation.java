package dev.prodev.shop.catalog.product;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.messaging.IncomingEvent;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every replica's view of the shared Redis cache honest: a product change made by any
 * replica (or replayed) evicts its entries. Each replica listens with a group id of its own, so
 * every replica sees every change; eviction is idempotent, so at-least-once delivery is fine
 * and no inbox is needed.
 */
@Component
class ProductCacheInvalidation {

    private final ProductCache cache;

    ProductCacheInvalidation(ProductCache cache) {
        this.cache = cache;
    }

    @KafkaListener(id = "catalog.product-cache", topics = Topics.PRODUCTS,
            groupId = "catalog-cache-${shop.catalog.replica-id:${random.uuid}}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (ProductChanged.TYPES.contains(event.type())) {
            var change = event.data(ProductChanged.class);
            cache.evict(change.productId(), change.sku());
        }
        else if (event.key() != null) {
            cache.evict(UUID.fromString(event.key()), null);
        }
    }
}
