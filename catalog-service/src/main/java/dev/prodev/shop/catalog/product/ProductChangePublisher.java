package dev.prodev.shop.catalog.product;

import dev.prodev.shop.events.Money;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.messaging.Outbox;
import org.springframework.stereotype.Component;

/** Publishes product changes on {@code shop.products} through the transactional outbox. */
@Component
class ProductChangePublisher {

    private final Outbox outbox;

    ProductChangePublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Must run inside the transaction that changed the product. */
    void changed(String type, Product product) {
        var data = new ProductChanged(
                product.getId(),
                product.getSku(),
                product.getName(),
                new Money(product.getPriceAmount(), product.getCurrency()),
                product.getStatus().name());
        outbox.append(product.getId().toString(), type, data);
    }
}
