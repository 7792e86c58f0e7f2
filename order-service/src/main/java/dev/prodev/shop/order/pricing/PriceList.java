package dev.prodev.shop.order.pricing;

import dev.prodev.shop.order.orders.OrderLineItem;
import dev.prodev.shop.order.orders.OrderRefused;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Prices an order from the read model, never from the client: an unknown or discontinued
 * product, or products in different currencies, make the order unprocessable (422).
 */
@Component
public class PriceList {

    /** What the customer asked for: a product and how many. */
    public record Wanted(UUID productId, int quantity) {}

    private final ProductPriceRepository prices;

    PriceList(ProductPriceRepository prices) {
        this.prices = prices;
    }

    public List<OrderLineItem> price(Collection<Wanted> wanted) {
        var known = prices.findAllById(wanted.stream().map(Wanted::productId).toList()).stream()
                .collect(Collectors.toMap(ProductPrice::getProductId, Function.identity()));
        var unavailable = new ArrayList<UUID>();
        var lines = new ArrayList<OrderLineItem>();
        for (var line : wanted) {
            var price = known.get(line.productId());
            if (price == null || !price.isOrderable()) {
                unavailable.add(line.productId());
                continue;
            }
            lines.add(new OrderLineItem(
                    price.getProductId(),
                    price.getSku(),
                    price.getName(),
                    line.quantity(),
                    price.getPriceAmount(),
                    price.getCurrency()));
        }
        if (!unavailable.isEmpty()) {
            throw new OrderRefused.ProductsUnavailable(unavailable);
        }
        var currencies =
                lines.stream().map(OrderLineItem::getCurrency).distinct().toList();
        if (currencies.size() > 1) {
            Map<String, Object> byCurrency = new LinkedHashMap<>();
            lines.forEach(l -> byCurrency.put(l.getProductId().toString(), l.getCurrency()));
            throw new OrderRefused.MixedCurrencies(currencies, byCurrency);
        }
        return lines;
    }
}
