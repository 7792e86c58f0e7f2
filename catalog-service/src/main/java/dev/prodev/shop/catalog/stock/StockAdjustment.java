package dev.prodev.shop.catalog.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An admin's correction of the stock on hand: +delta for a delivery, -delta for breakage or a count. */
public record StockAdjustment(
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,
        @NotBlank @Size(max = 200) String reason) {}
