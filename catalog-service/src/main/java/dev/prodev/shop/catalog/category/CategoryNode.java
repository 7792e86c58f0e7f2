package dev.prodev.shop.catalog.category;

import java.util.List;
import java.util.UUID;

/** One node of the category tree with its children, sorted by name. */
public record CategoryNode(UUID id, String slug, String name, List<CategoryNode> children) {}
