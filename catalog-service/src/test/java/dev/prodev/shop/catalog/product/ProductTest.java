package dev.prodev.shop.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static Product mug() {
        return new Product(UUID.randomUUID(), "MUG-1", "Mug", new BigDecimal("10.00"), "ETB");
    }

    @Test
    void anUpdateReportsAPriceChangeOnlyWhenAmountOrCurrencyReallyChange() {
        var product = mug();
        assertThat(product.update("Mug", "", null, new BigDecimal("10.0"), "ETB", Map.of(), List.of()))
                .as("same amount, other scale")
                .isFalse();
        assertThat(product.update("Big mug", "", null, new BigDecimal("10.00"), "ETB", Map.of(), List.of()))
                .isFalse();
        assertThat(product.update("Big mug", "", null, new BigDecimal("12.00"), "ETB", Map.of(), List.of()))
                .isTrue();
        assertThat(product.update("Big mug", "", null, new BigDecimal("12.00"), "EUR", Map.of(), List.of()))
                .isTrue();
    }

    @Test
    void discontinuingTwiceChangesNothingTheSecondTime() {
        var product = mug();
        assertThat(product.discontinue()).isTrue();
        assertThat(product.getStatus()).isEqualTo(ProductStatus.DISCONTINUED);
        assertThat(product.discontinue()).isFalse();
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsListsAndAnyTag() {
        assertThat(ProductController.matches("\"3\"", "\"3\"", true)).isTrue();
        assertThat(ProductController.matches("W/\"3\"", "\"3\"", true)).isTrue();
        assertThat(ProductController.matches("\"1\", \"3\"", "\"3\"", true)).isTrue();
        assertThat(ProductController.matches("*", "\"3\"", true)).isTrue();
        assertThat(ProductController.matches("\"4\"", "\"3\"", true)).isFalse();
        assertThat(ProductController.matches("3", "\"3\"", true))
                .as("unquoted is not an ETag")
                .isFalse();
    }
}
