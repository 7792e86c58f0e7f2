package dev.prodev.shop.events.product;

import dev.prodev.shop.events.Money;
import java.util.List;
import java.util.UUID;

/**
 * A product's current state after a change, on {@code shop.products}, key productId. One record,
 * four types: the type says what changed, the data is always the whole product (a read model
 * can simply upsert it).
 */
public record ProductChanged(UUID productId, String sku, String name, Money price, String status) {

    public static final String CREATED = "shop.product.created.v1";
    public static final String UPDATED = "shop.product.updated.v1";
    public static final String PRICE_CHANGED = "shop.product.price-changed.v1";
    public static final String DISCONTINUED = "shop.product.discontinued.v1";

    public static final List<String> TYPES = List.of(CREATED, UPDATED, PRICE_CHANGED, DISCONTINUED);

    public static final String ACTIVE = "ACTIVE";
    public static final String STATUS_DISCONTINUED = "DISCONTINUED";
}
