package dev.prodev.shop.catalog.product;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A validated product listing request: filters, one whitelisted sort, and a bounded page. Its
 * {@link #cacheKey()} names the page in the read cache.
 */
public record ProductQuery(UUID categoryId, BigDecimal minPrice, BigDecimal maxPrice, ProductStatus status,
        Boolean inStock, String text, SortField sort, boolean descending, int page, int size) implements Serializable {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_PAGE = 10_000;

    /** The only columns a client may sort by; anything else is a 400, never a SQL fragment. */
    public enum SortField {
        NAME("name", "p.name"), PRICE("price", "p.price_amount"), CREATED_AT("createdAt", "p.created_at"),
        RELEVANCE("relevance", null);

        final String apiName;
        final String column;

        SortField(String apiName, String column) {
            this.apiName = apiName;
            this.column = column;
        }

        public String apiName() {
            return apiName;
        }

        static SortField fromApiName(String name) {
            for (var field : values()) {
                if (field.apiName.equals(name)) {
                    return field;
                }
            }
            return null;
        }
    }

    public boolean hasText() {
        return text != null && !text.isBlank();
    }

    public String cacheKey() {
        return categoryId + "|" + minPrice + "|" + maxPrice + "|" + status + "|" + inStock + "|" + text + "|" + sort
                + "|" + descending + "|" + page + "|" + size;
    }
}
