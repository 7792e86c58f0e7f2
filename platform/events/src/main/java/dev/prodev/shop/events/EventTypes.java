package dev.prodev.shop.events;

import dev.prodev.shop.events.order.OrderCancelled;
import dev.prodev.shop.events.order.OrderConfirmed;
import dev.prodev.shop.events.order.OrderPlaced;
import dev.prodev.shop.events.order.OrderRefunded;
import dev.prodev.shop.events.payment.AuthorizePayment;
import dev.prodev.shop.events.payment.PaymentAuthorized;
import dev.prodev.shop.events.payment.PaymentFailed;
import dev.prodev.shop.events.payment.PaymentRefunded;
import dev.prodev.shop.events.payment.RefundPayment;
import dev.prodev.shop.events.product.ProductChanged;
import dev.prodev.shop.events.stock.CommitStock;
import dev.prodev.shop.events.stock.ReleaseStock;
import dev.prodev.shop.events.stock.ReserveStock;
import dev.prodev.shop.events.stock.RestockStock;
import dev.prodev.shop.events.stock.StockCommitFailed;
import dev.prodev.shop.events.stock.StockRejected;
import dev.prodev.shop.events.stock.StockReleased;
import dev.prodev.shop.events.stock.StockReserved;
import dev.prodev.shop.events.user.UserDeleted;
import dev.prodev.shop.events.user.UserRegistered;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every event type of the shop: its data record and the topic it travels on. The one list tests and docs check against. */
public final class EventTypes {

    /** One versioned CloudEvents type. */
    public record Definition(String type, Class<? extends Record> dataClass, String topic) {}

    /** All types by name, in contract order. */
    public static final Map<String, Definition> ALL;

    static {
        var all = new LinkedHashMap<String, Definition>();
        add(all, OrderPlaced.TYPE, OrderPlaced.class, Topics.ORDERS);
        add(all, OrderConfirmed.TYPE, OrderConfirmed.class, Topics.ORDERS);
        add(all, OrderCancelled.TYPE, OrderCancelled.class, Topics.ORDERS);
        add(all, OrderRefunded.TYPE, OrderRefunded.class, Topics.ORDERS);
        add(all, ReserveStock.TYPE, ReserveStock.class, Topics.STOCK_COMMANDS);
        add(all, ReleaseStock.TYPE, ReleaseStock.class, Topics.STOCK_COMMANDS);
        add(all, CommitStock.TYPE, CommitStock.class, Topics.STOCK_COMMANDS);
        add(all, RestockStock.TYPE, RestockStock.class, Topics.STOCK_COMMANDS);
        add(all, StockReserved.TYPE, StockReserved.class, Topics.STOCK);
        add(all, StockRejected.TYPE, StockRejected.class, Topics.STOCK);
        add(all, StockReleased.TYPE, StockReleased.class, Topics.STOCK);
        add(all, StockCommitFailed.TYPE, StockCommitFailed.class, Topics.STOCK);
        add(all, AuthorizePayment.TYPE, AuthorizePayment.class, Topics.PAYMENT_COMMANDS);
        add(all, RefundPayment.TYPE, RefundPayment.class, Topics.PAYMENT_COMMANDS);
        add(all, PaymentAuthorized.TYPE, PaymentAuthorized.class, Topics.PAYMENTS);
        add(all, PaymentFailed.TYPE, PaymentFailed.class, Topics.PAYMENTS);
        add(all, PaymentRefunded.TYPE, PaymentRefunded.class, Topics.PAYMENTS);
        add(all, UserRegistered.TYPE, UserRegistered.class, Topics.USERS);
        add(all, UserDeleted.TYPE, UserDeleted.class, Topics.USERS);
        for (var type : ProductChanged.TYPES) {
            add(all, type, ProductChanged.class, Topics.PRODUCTS);
        }
        ALL = Collections.unmodifiableMap(all);
    }

    private EventTypes() {}

    private static void add(Map<String, Definition> all, String type, Class<? extends Record> dataClass, String topic) {
        all.put(type, new Definition(type, dataClass, topic));
    }

    /** The definition of {@code type}; {@link IllegalArgumentException} for a type the shop does not know. */
    public static Definition of(String type) {
        var definition = ALL.get(type);
        if (definition == null) {
            throw new IllegalArgumentException("unknown event type: " + type);
        }
        return definition;
    }

    /** Whether {@code type} is a known type. */
    public static boolean isKnown(String type) {
        return type != null && ALL.containsKey(type);
    }
}
