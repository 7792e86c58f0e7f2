package dev.prodev.shop.catalog.product;

import java.io.Serializable;
import java.util.List;

/** One page of a product listing. */
public record ProductPage(List<ProductView> items, int page, int size, long totalItems, int totalPages)
        implements Serializable {
}
