package dev.prodev.shop.catalog.product;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Create (with {@code sku}) or replace (sku ignored: it identifies the product) a product.
 * {@code initialStock} only counts on create.
 */
public record ProductRequest(
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '_' or '-'")
        String sku,

        @NotBlank @Size(max = 200) String name,
        @Size(max = 10_000) String description,
        UUID categoryId,
        @NotNull @Valid Money price,
        @Size(max = 50) Map<String, Object> attributes,

        @Size(max = 20)
        List<@NotBlank @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "an http(s) URL") String>
                imageUrls,

        @jakarta.validation.constraints.PositiveOrZero Integer initialStock) {

    public record Money(
            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
            BigDecimal amount,

            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "an ISO 4217 code like ETB or EUR")
            String currency) {}
}
