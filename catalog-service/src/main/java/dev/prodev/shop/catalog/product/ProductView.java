package dev.prodev.shop.catalog.product;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A product as clients see it, and as it sits in the Redis read cache (hence Serializable and
 * immutable). {@code version} is the source of the strong ETag.
 */
public record ProductView(
        UUID id,
        String sku,
        String name,
        String description,

        @Schema(nullable = true, description = "the product's category, if it has one")
        UUID categoryId,

        Price price,
        ProductStatus status,
        Map<String, Object> attributes,
        List<String> imageUrls,
        Instant createdAt,
        Instant updatedAt,
        long version)
        implements Serializable {

    public record Price(BigDecimal amount, String currency) implements Serializable {}

    public static ProductView of(Product product) {
        return new ProductView(
                product.getId(),
                product.getSku(),
                product.getName(),
                product.getDescription(),
                product.getCategoryId(),
                new Price(product.getPriceAmount(), product.getCurrency()),
                product.getStatus(),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(product.getAttributes())),
                List.copyOf(product.getImageUrls()),
                product.getCreatedAt(),
                product.getUpdatedAt(),
                product.getVersion());
    }

    /** Strong ETag: the representation changes exactly when the version does. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
