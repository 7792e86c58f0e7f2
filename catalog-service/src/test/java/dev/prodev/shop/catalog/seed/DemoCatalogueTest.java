package dev.prodev.shop.catalog.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The demo catalogue's data file, as a newcomer's first {@code GET /api/v1/products} shows it. */
class DemoCatalogueTest {

    @Test
    void holdsAtLeastFiftyPricedStockedProductsInAtLeastEightCategoriesEachWithItsImage() {
        var data = DemoCatalogue.read();
        var slugs =
                data.categories().stream().map(DemoCatalogue.DemoCategory::slug).collect(Collectors.toSet());
        assertThat(slugs)
                .hasSizeGreaterThanOrEqualTo(8)
                .hasSize(data.categories().size());
        assertThat(data.products()).hasSizeGreaterThanOrEqualTo(50);
        var skus = new HashSet<String>();
        var used = new HashSet<String>();
        for (var product : data.products()) {
            assertThat(skus.add(product.sku()))
                    .as("unique SKU %s", product.sku())
                    .isTrue();
            assertThat(product.sku()).matches("[A-Za-z0-9][A-Za-z0-9._-]*");
            assertThat(product.name()).as(product.sku()).isNotBlank();
            assertThat(product.description()).as(product.sku()).isNotBlank();
            assertThat(slugs).as(product.sku()).contains(product.category());
            assertThat(product.price()).as(product.sku()).isGreaterThan(BigDecimal.ZERO);
            assertThat(product.price().scale()).as(product.sku()).isLessThanOrEqualTo(2);
            assertThat(product.initialStock()).as(product.sku()).isNotNegative();
            var image = new ClassPathResource("demo/images/" + product.sku().toLowerCase(Locale.ROOT) + ".svg");
            assertThat(image.exists()).as("image of %s", product.sku()).isTrue();
            used.add(product.category());
        }
        assertThat(used).as("categories with products").hasSizeGreaterThanOrEqualTo(8);
        assertThat(data.products())
                .as("most products can be bought")
                .filteredOn(p -> p.initialStock() > 0)
                .hasSizeGreaterThan(data.products().size() - 3);
    }

    @Test
    void aFieldNameTheApiWouldNotKnowStopsTheLoadInsteadOfSeedingZeroStock() {
        assertThatThrownBy(() -> read(product("\"stock\": 10")))
                .isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("initialStock");
        assertThatThrownBy(() -> read(product("\"initialStock\": 10, \"stock\": 10")))
                .isInstanceOf(UnrecognizedPropertyException.class)
                .hasMessageContaining("\"stock\"");
        assertThat(read(product("\"initialStock\": 10")).products().getFirst().initialStock())
                .isEqualTo(10);
    }

    private static String product(String stock) {
        return """
                {"categories": [{"slug": "books", "name": "Books", "parent": null}],
                 "products": [{"sku": "B-1", "name": "A book", "category": "books", "price": "10.00",
                               %s, "description": "x", "attributes": {}}]}
                """.formatted(stock);
    }

    private static DemoCatalogue.Data read(String json) {
        return DemoCatalogue.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isOffUnlessEnabled() {
        new ApplicationContextRunner()
                .withUserConfiguration(DemoCatalogue.class)
                .run(context -> assertThat(context).doesNotHaveBean(DemoCatalogue.class));
    }
}
