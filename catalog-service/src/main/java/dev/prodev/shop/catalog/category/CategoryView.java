package dev.prodev.shop.catalog.category;

import java.util.UUID;

/** A category as clients see it. */
public record CategoryView(UUID id, UUID parentId, String slug, String name) {

    static CategoryView of(Category category) {
        return new CategoryView(category.getId(), category.getParentId(), category.getSlug(), category.getName());
    }
}
