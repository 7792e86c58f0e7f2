package dev.prodev.shop.catalog.category;

import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/categories")
@Tag(name = "categories", description = "The category tree: public reads, admin writes")
class CategoryController {

    private final CategoryRepository categories;
    private final JdbcTemplate jdbc;

    CategoryController(CategoryRepository categories, JdbcTemplate jdbc) {
        this.categories = categories;
        this.jdbc = jdbc;
    }

    @GetMapping
    @Operation(summary = "All categories, flat, sorted by name")
    List<CategoryView> list() {
        return categories.findAllByOrderByNameAsc().stream()
                .map(CategoryView::of)
                .toList();
    }

    @GetMapping("/tree")
    @Operation(summary = "The category tree: roots with their children, recursively")
    List<CategoryNode> tree() {
        var all = categories.findAllByOrderByNameAsc();
        var children = new HashMap<UUID, List<Category>>();
        var roots = new ArrayList<Category>();
        for (var category : all) {
            if (category.getParentId() == null) {
                roots.add(category);
            } else {
                children.computeIfAbsent(category.getParentId(), key -> new ArrayList<>())
                        .add(category);
            }
        }
        return roots.stream()
                .sorted(Comparator.comparing(Category::getName))
                .map(root -> node(root, children))
                .toList();
    }

    private static CategoryNode node(Category category, java.util.Map<UUID, List<Category>> children) {
        var below = children.getOrDefault(category.getId(), List.of()).stream()
                .map(child -> node(child, children))
                .toList();
        return new CategoryNode(category.getId(), category.getSlug(), category.getName(), below);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One category")
    CategoryView get(@PathVariable UUID id) {
        return categories.findById(id).map(CategoryView::of).orElseThrow(() -> ShopProblem.notFound("category", id));
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    @Transactional
    @Operation(summary = "Create a category (admin)")
    ResponseEntity<CategoryView> create(@Valid @RequestBody CategoryRequest request) {
        if (categories.existsBySlug(request.slug())) {
            throw ShopProblem.conflict("A category with slug '" + request.slug() + "' already exists.");
        }
        requireParent(request.parentId());
        var saved = categories.saveAndFlush(
                new Category(UUID.randomUUID(), request.parentId(), request.slug(), request.name()));
        return ResponseEntity.created(URI.create("/api/v1/categories/" + saved.getId()))
                .body(CategoryView.of(saved));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Transactional
    @Operation(summary = "Rename or move a category (admin); a move below its own subtree is refused")
    CategoryView update(@PathVariable UUID id, @Valid @RequestBody CategoryRequest request) {
        var category = categories.findById(id).orElseThrow(() -> ShopProblem.notFound("category", id));
        if (!category.getSlug().equals(request.slug()) && categories.existsBySlug(request.slug())) {
            throw ShopProblem.conflict("A category with slug '" + request.slug() + "' already exists.");
        }
        requireParent(request.parentId());
        if (request.parentId() != null
                && categories.ancestorIds(request.parentId()).contains(id)) {
            throw ShopProblem.unprocessable("A category cannot be moved below itself or its own subcategories.");
        }
        category.rename(request.slug(), request.name());
        category.moveUnder(request.parentId());
        return CategoryView.of(categories.saveAndFlush(category));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Transactional
    @Operation(summary = "Delete an empty category (admin): no subcategories, no products")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        var category = categories.findById(id).orElseThrow(() -> ShopProblem.notFound("category", id));
        var products = jdbc.queryForObject("select count(*) from product where category_id = ?", Long.class, id);
        if (categories.existsByParentId(id) || products != null && products > 0) {
            throw ShopProblem.conflict("The category still has subcategories or products.");
        }
        categories.delete(category);
        return ResponseEntity.noContent().build();
    }

    private void requireParent(UUID parentId) {
        if (parentId != null && !categories.existsById(parentId)) {
            throw ShopProblem.unprocessable("The parent category " + parentId + " does not exist.");
        }
    }
}
