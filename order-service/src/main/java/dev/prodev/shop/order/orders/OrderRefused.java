package dev.prodev.shop.order.orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Why order-service refuses what a customer asked, in the shop's words: the saga, the price list
 * and the idempotency keys throw these, and the web layer ({@link OrderRefusalProblems}) turns each
 * into its problem+json answer.
 */
public abstract sealed class OrderRefused extends RuntimeException {

    private OrderRefused(String message) {
        super(message, null, false, false);
    }

    /** No such order, or it is another customer's (whose existence is not revealed). */
    public static final class OrderNotFound extends OrderRefused {

        private final UUID orderId;

        public OrderNotFound(UUID orderId) {
            super("no order " + orderId);
            this.orderId = orderId;
        }

        public UUID orderId() {
            return orderId;
        }
    }

    /** The customer may cancel only before any money moved. */
    public static final class OrderNotCancellable extends OrderRefused {

        private final OrderStatus status;

        public OrderNotCancellable(OrderStatus status) {
            super("an order " + status + " cannot be cancelled by the customer");
            this.status = status;
        }

        public OrderStatus status() {
            return status;
        }
    }

    /** Only a CONFIRMED order can be refunded (before that the saga compensates, after it is done). */
    public static final class OrderNotRefundable extends OrderRefused {

        private final OrderStatus status;

        public OrderNotRefundable(OrderStatus status) {
            super("an order " + status + " cannot be refunded");
            this.status = status;
        }

        public OrderStatus status() {
            return status;
        }
    }

    /** The {@code OrderPlaced} event would break its schema (the token's e-mail claim is the only client text in it). */
    public static final class OrderNotAnnounceable extends OrderRefused {

        private final List<String> errors;

        public OrderNotAnnounceable(List<String> errors) {
            super("the order cannot be announced: " + String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }
    }

    /** Products the catalog does not know or no longer sells, in the order the customer listed them. */
    public static final class ProductsUnavailable extends OrderRefused {

        private final List<UUID> productIds;

        public ProductsUnavailable(List<UUID> productIds) {
            super("products unknown or no longer sold: " + productIds);
            this.productIds = List.copyOf(productIds);
        }

        public List<UUID> productIds() {
            return productIds;
        }
    }

    /** An order is paid in one currency, and these products are priced in several. */
    public static final class MixedCurrencies extends OrderRefused {

        private final List<String> currencies;
        private final Map<String, Object> currencyByProduct;

        /** @param currencyByProduct each product's currency, keyed by product id, in line order */
        public MixedCurrencies(List<String> currencies, Map<String, Object> currencyByProduct) {
            super("products priced in " + currencies);
            this.currencies = List.copyOf(currencies);
            this.currencyByProduct = currencyByProduct;
        }

        public List<String> currencies() {
            return currencies;
        }

        public Map<String, Object> currencyByProduct() {
            return currencyByProduct;
        }
    }

    /** The Idempotency-Key already placed an order for a different request. */
    public static final class IdempotencyKeyReused extends OrderRefused {

        public IdempotencyKeyReused() {
            super("the idempotency key was used for a different request");
        }
    }
}
