package dev.prodev.shop.order.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.prodev.shop.order.orders.OrderRefused;
import dev.prodev.shop.order.pricing.PriceList.Wanted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PriceListTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    final ProductPriceRepository repository = mock(ProductPriceRepository.class);
    final PriceList priceList = new PriceList(repository);
    final List<ProductPrice> known = new ArrayList<>();

    @BeforeEach
    void setUp() {
        when(repository.findAllById(any())).thenAnswer(invocation -> {
            Iterable<UUID> ids = invocation.getArgument(0);
            var wanted = new ArrayList<UUID>();
            ids.forEach(wanted::add);
            return known.stream()
                    .filter(price -> wanted.contains(price.getProductId()))
                    .toList();
        });
    }

    ProductPrice product(String price, String currency, String status) {
        var product = new ProductPrice(UUID.randomUUID());
        product.apply("SKU", "Mug", new BigDecimal(price), currency, status, T0, T0);
        known.add(product);
        return product;
    }

    @Test
    void pricesEachLineFromTheReadModel() {
        var mug = product("4.50", "EUR", "ACTIVE");
        var lines = priceList.price(List.of(new Wanted(mug.getProductId(), 3)));
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getUnitPrice()).isEqualByComparingTo("4.50");
            assertThat(line.lineTotal()).isEqualByComparingTo("13.50");
            assertThat(line.getCurrency()).isEqualTo("EUR");
        });
    }

    @Test
    void unknownAndDiscontinuedProductsAreUnprocessableAndNamed() {
        var mug = product("4.50", "EUR", "ACTIVE");
        var old = product("1.00", "EUR", "DISCONTINUED");
        var unknown = UUID.randomUUID();
        assertThatThrownBy(() -> priceList.price(List.of(
                        new Wanted(mug.getProductId(), 1), new Wanted(old.getProductId(), 1), new Wanted(unknown, 1))))
                .isInstanceOfSatisfying(
                        OrderRefused.ProductsUnavailable.class,
                        refused -> assertThat(refused.productIds()).isEqualTo(List.of(old.getProductId(), unknown)));
    }

    @Test
    void productsInDifferentCurrenciesCannotShareAnOrder() {
        var a = product("4.50", "EUR", "ACTIVE");
        var b = product("100", "ETB", "ACTIVE");
        assertThatThrownBy(() ->
                        priceList.price(List.of(new Wanted(a.getProductId(), 1), new Wanted(b.getProductId(), 1))))
                .isInstanceOfSatisfying(OrderRefused.MixedCurrencies.class, refused -> {
                    assertThat(refused.currencies()).containsExactly("EUR", "ETB");
                    assertThat(refused.currencyByProduct())
                            .containsExactly(
                                    entry(a.getProductId().toString(), "EUR"),
                                    entry(b.getProductId().toString(), "ETB"));
                });
    }

    @Test
    void anOlderProductEventNeverOverwritesANewerOne() {
        var mug = product("4.50", "EUR", "ACTIVE");
        assertThat(mug.apply("SKU", "Mug", new BigDecimal("9.99"), "EUR", "ACTIVE", T0.minusSeconds(1), T0))
                .isFalse();
        assertThat(mug.getPriceAmount()).isEqualByComparingTo("4.50");
        assertThat(mug.apply("SKU", "Mug", new BigDecimal("5.00"), "EUR", "DISCONTINUED", T0.plusSeconds(1), T0))
                .isTrue();
        assertThat(mug.isOrderable()).isFalse();
    }
}
