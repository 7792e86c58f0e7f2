package dev.prodev.shop.order.pricing;

import dev.prodev.shop.events.Topics;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.messaging.IncomingEvent;
import dev.prodev.shop.messaging.consumer.EventHandlers;
import dev.prodev.shop.messaging.consumer.EventSubscriber;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the price list in step with the catalog: every {@code ProductChanged} carries the whole
 * product, so the read model simply takes it, unless it already holds a newer state.
 */
@Component
class ProductPriceListener implements EventSubscriber {

    static final String CONSUMER = "order.price-list";

    private final ProductPriceRepository prices;
    private final Clock clock;

    ProductPriceListener(ProductPriceRepository prices, Clock clock) {
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public List<EventHandlers> handlers() {
        return List.of(EventHandlers.consumer(CONSUMER, Topics.PRODUCTS)
                .on(ProductChanged.class, this::apply)
                .build());
    }

    private void apply(IncomingEvent event, ProductChanged product) {
        var now = clock.instant();
        var changedAt = event.time() != null ? event.time() : now;
        var price = prices.findById(product.productId()).orElseGet(() -> new ProductPrice(product.productId()));
        if (price.apply(
                product.sku(),
                product.name(),
                product.price().amount(),
                product.price().currency(),
                product.status(),
                changedAt,
                now)) {
            prices.save(price);
        }
    }
}
