package dev.prodev.shop.catalog.product;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A validated product listing request: filters, one whitelisted sort, and a bounded page (an
 * offset page inside {@code PageWindow}, or a keyset page {@code after} a cursor for the default
 * newest-first order). Its {@link #cacheKey()} names the page in the read cache.
 */
public record ProductQuery(
        UUID categoryId,
        BigDecimal minPrice,
        BigDecimal maxPrice,
        ProductStatus status,
        Boolean inStock,
        String text,
        SortField sort,
        boolean descending,
        ProductCursor after,
        int page,
        int size)
        implements Serializable {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_PAGE = 10_000;
    /** The longest search text, in REST ({@code q}) and GraphQL ({@code filter.text}) alike. */
    public static final int MAX_TEXT_LENGTH = 200;

    /** The only columns a client may sort by; anything else is a 400, never a SQL fragment. */
    public enum SortField {
        NAME("name", "p.name"),
        PRICE("price", "p.price_amount"),
        CREATED_AT("createdAt", "p.created_at"),
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

    /** Whether this is the newest-first order a cursor can continue. */
    public boolean isNewestFirst() {
        return sort == SortField.CREATED_AT && descending;
    }

    /**
     * The page's name in the read cache. The search text is hashed (SHA-256), so a key stays
     * short whatever a client types and Redis memory is not spent on client-chosen text.
     */
    public String cacheKey() {
        return categoryId + "|" + minPrice + "|" + maxPrice + "|" + status + "|" + inStock + "|"
                + (text == null ? null : sha256(text)) + "|" + sort + "|" + descending + "|" + after + "|" + page + "|"
                + size;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JDK", ex);
        }
    }
}
