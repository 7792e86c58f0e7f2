package dev.prodev.shop.order.pricing;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.Inbox;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the price list in step with the catalog: every {@code ProductChanged} carries the whole
 * product, so the read model simply takes it, unless it already holds a newer state.
 */
@Component
class ProductEvents {

    static final String CONSUMER = "order.price-list";

    private final Inbox inbox;
    private final ProductPriceRepository prices;
    private final Clock clock;

    ProductEvents(Inbox inbox, ProductPriceRepository prices, Clock clock) {
        this.inbox = inbox;
        this.prices = prices;
        this.clock = clock;
    }

    @KafkaListener(id = CONSUMER, idIsGroup = false, topics = Topics.PRODUCTS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        var event = IncomingEvent.from(record);
        if (!ProductChanged.TYPES.contains(event.type()) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        var product = event.data(ProductChanged.class);
        var now = clock.instant();
        var changedAt = event.time() != null ? event.time() : now;
        var price = prices.findById(product.productId()).orElseGet(() -> new ProductPrice(product.productId()));
        if (price.apply(product.sku(), product.name(), product.price().amount(), product.price().currency(),
                product.status(), changedAt, now)) {
            prices.save(price);
        }
    }
}
