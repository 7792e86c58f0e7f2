package dev.prodev.shop.catalog.graphql;

import dev.prodev.shop.catalog.category.Category;
import dev.prodev.shop.catalog.category.CategoryRepository;
import dev.prodev.shop.catalog.product.ProductCatalog;
import dev.prodev.shop.catalog.product.ProductCursor;
import dev.prodev.shop.catalog.product.ProductPage;
import dev.prodev.shop.catalog.product.ProductQuery;
import dev.prodev.shop.catalog.product.ProductStatus;
import dev.prodev.shop.catalog.product.ProductView;
import dev.prodev.shop.catalog.stock.StockLevel;
import dev.prodev.shop.web.paging.PageWindow;
import dev.prodev.shop.web.problem.ShopProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;

/**
 * GraphQL read API. Every nested field (category of a product, products of a category, stock,
 * parent and children) is a {@link BatchMapping}: one SQL statement per field per request,
 * however many parents the query returns (no N+1).
 */
@Controller
class CatalogGraphQlController {

    /** How many products {@code Category.products} returns per category. */
    static final int PRODUCTS_PER_CATEGORY = 20;

    private final ProductCatalog catalog;
    private final CategoryRepository categories;
    private final CatalogBatchQueries batch;

    CatalogGraphQlController(ProductCatalog catalog, CategoryRepository categories, CatalogBatchQueries batch) {
        this.catalog = catalog;
        this.categories = categories;
        this.batch = batch;
    }

    record ProductFilter(
            UUID categoryId, String minPrice, String maxPrice, ProductStatus status, Boolean inStock, String text) {}

    record Money(String amount, String currency) {}

    record CategoryView(UUID id, UUID parentId, String slug, String name) {
        static CategoryView of(Category category) {
            return new CategoryView(category.getId(), category.getParentId(), category.getSlug(), category.getName());
        }
    }

    @QueryMapping
    ProductPage products(
            @Argument ProductFilter filter,
            @Argument Integer page,
            @Argument Integer size,
            @Argument String sort,
            @Argument String after) {
        var f = filter == null ? new ProductFilter(null, null, null, null, null, null) : filter;
        var p = page == null ? 0 : page;
        var s = size == null ? 20 : size;
        if (p < 0 || p > ProductQuery.MAX_PAGE) {
            throw new GraphQlInputException("page must be between 0 and " + ProductQuery.MAX_PAGE);
        }
        if (s < 1 || s > ProductQuery.MAX_PAGE_SIZE) {
            throw new GraphQlInputException("size must be between 1 and " + ProductQuery.MAX_PAGE_SIZE);
        }
        if (!PageWindow.fits(p, s)) {
            throw new GraphQlInputException(PageWindow.explain(
                    p, s, "walk further with products(after: nextCursor) in the newest-first order."));
        }
        if (f.text() != null && f.text().length() > ProductQuery.MAX_TEXT_LENGTH) {
            // refused before any SQL and before the read cache, like REST's q
            throw new GraphQlInputException(
                    "filter.text must be at most " + ProductQuery.MAX_TEXT_LENGTH + " characters",
                    graphql.ErrorType.ValidationError);
        }
        var min = decimal("minPrice", f.minPrice());
        var max = decimal("maxPrice", f.maxPrice());
        var hasText = f.text() != null && !f.text().isBlank();
        var field = hasText ? ProductQuery.SortField.RELEVANCE : ProductQuery.SortField.CREATED_AT;
        var descending = !hasText;
        if (sort != null) {
            if (sort.equals("RELEVANCE")) {
                if (!hasText) {
                    throw new GraphQlInputException("sort RELEVANCE needs filter.text");
                }
                field = ProductQuery.SortField.RELEVANCE;
            } else {
                descending = sort.endsWith("_DESC");
                field = switch (sort.substring(0, sort.lastIndexOf('_'))) {
                    case "NAME" -> ProductQuery.SortField.NAME;
                    case "PRICE" -> ProductQuery.SortField.PRICE;
                    default -> ProductQuery.SortField.CREATED_AT;
                };
            }
        }
        ProductCursor cursor = null;
        if (after != null) {
            if (field != ProductQuery.SortField.CREATED_AT || !descending || p != 0) {
                throw new GraphQlInputException(
                        "after works with the default newest-first order (CREATED_AT_DESC) " + "and without page");
            }
            try {
                cursor = ProductCursor.decode(after);
            } catch (IllegalArgumentException ex) {
                throw new GraphQlInputException(ex.getMessage());
            }
        }
        return catalog.search(new ProductQuery(
                f.categoryId(),
                min,
                max,
                f.status(),
                f.inStock(),
                hasText ? f.text().strip() : null,
                field,
                descending,
                cursor,
                p,
                s));
    }

    private static BigDecimal decimal(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            var amount = new BigDecimal(value.strip());
            if (amount.signum() < 0) {
                throw new GraphQlInputException(name + " must not be negative");
            }
            return amount;
        } catch (NumberFormatException ex) {
            throw new GraphQlInputException(name + " must be a decimal number like 19.90");
        }
    }

    @QueryMapping
    ProductView product(@Argument UUID id) {
        try {
            return catalog.byId(id);
        } catch (ShopProblem notFound) {
            return null;
        }
    }

    @QueryMapping
    ProductView productBySku(@Argument String sku) {
        try {
            return catalog.bySku(sku);
        } catch (ShopProblem notFound) {
            return null;
        }
    }

    @QueryMapping
    List<CategoryView> categories() {
        return categories.findAllByOrderByNameAsc().stream()
                .map(CategoryView::of)
                .toList();
    }

    @QueryMapping
    CategoryView category(@Argument UUID id) {
        return categories.findById(id).map(CategoryView::of).orElse(null);
    }

    @SchemaMapping(typeName = "Product", field = "price")
    Money price(ProductView product) {
        return new Money(
                product.price().amount().toPlainString(), product.price().currency());
    }

    @BatchMapping(typeName = "Product", field = "category")
    Map<ProductView, CategoryView> productCategory(List<ProductView> products) {
        var ids = products.stream()
                .map(ProductView::categoryId)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        var byId = byId(ids);
        var result = new HashMap<ProductView, CategoryView>();
        products.forEach(product -> result.put(product, byId.get(product.categoryId())));
        return result;
    }

    @BatchMapping(typeName = "Product", field = "stock")
    Map<ProductView, StockLevel> stock(List<ProductView> products) {
        var levels = batch.stockOf(products.stream().map(ProductView::id).collect(Collectors.toSet()));
        var result = new HashMap<ProductView, StockLevel>();
        products.forEach(product -> result.put(product, levels.get(product.id())));
        return result;
    }

    @BatchMapping(typeName = "Category", field = "products")
    Map<CategoryView, List<ProductView>> categoryProducts(List<CategoryView> parents) {
        var byCategory = batch.firstProductsOf(
                parents.stream().map(CategoryView::id).collect(Collectors.toSet()), PRODUCTS_PER_CATEGORY);
        var result = new LinkedHashMap<CategoryView, List<ProductView>>();
        parents.forEach(category -> result.put(category, byCategory.getOrDefault(category.id(), List.of())));
        return result;
    }

    @BatchMapping(typeName = "Category", field = "parent")
    Map<CategoryView, CategoryView> parent(List<CategoryView> children) {
        var byId = byId(children.stream()
                .map(CategoryView::parentId)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        var result = new HashMap<CategoryView, CategoryView>();
        children.forEach(child -> result.put(child, byId.get(child.parentId())));
        return result;
    }

    @BatchMapping(typeName = "Category", field = "children")
    Map<CategoryView, List<CategoryView>> children(List<CategoryView> parents) {
        var ids = parents.stream().map(CategoryView::id).toList();
        var byParent = categories.findByParentIdInOrderByNameAsc(ids).stream()
                .map(CategoryView::of)
                .collect(Collectors.groupingBy(CategoryView::parentId, Collectors.toCollection(ArrayList::new)));
        var result = new LinkedHashMap<CategoryView, List<CategoryView>>();
        parents.forEach(parent -> result.put(parent, byParent.getOrDefault(parent.id(), new ArrayList<>())));
        return result;
    }

    private Map<UUID, CategoryView> byId(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return categories.findByIdIn(ids).stream()
                .map(CategoryView::of)
                .collect(Collectors.toMap(CategoryView::id, Function.identity()));
    }

    /** A client mistake in the arguments: reported as a BAD_REQUEST GraphQL error, never an internal one. */
    static class GraphQlInputException extends RuntimeException {

        private final graphql.ErrorClassification classification;

        GraphQlInputException(String message) {
            this(message, ErrorType.BAD_REQUEST);
        }

        GraphQlInputException(String message, graphql.ErrorClassification classification) {
            super(message, null, false, false);
            this.classification = classification;
        }

        graphql.ErrorClassification errorType() {
            return classification;
        }
    }
}
