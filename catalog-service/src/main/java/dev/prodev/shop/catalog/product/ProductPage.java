package dev.prodev.shop.catalog.product;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a product listing. {@code nextCursor} continues a newest-first listing past this
 * page ({@code after=}); it is null for other orders and on the last page.
 */
public record ProductPage(
        List<ProductView> items, int page, int size, long totalItems, int totalPages, String nextCursor)
        implements Serializable {}
