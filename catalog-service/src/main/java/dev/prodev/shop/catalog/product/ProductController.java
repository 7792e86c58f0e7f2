package dev.prodev.shop.catalog.product;

import dev.prodev.shop.web.paging.PageWindow;
import dev.prodev.shop.web.problem.ShopProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "products", description = "Browse and search the catalogue (public); manage products (admin)")
class ProductController {

    /** Browsers and proxies may reuse a product for a short while, then revalidate with the ETag. */
    private static final CacheControl PRODUCT_CACHING =
            CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic().mustRevalidate();

    private final ProductCatalog catalog;
    private final ProductAdmin admin;

    ProductController(ProductCatalog catalog, ProductAdmin admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    @GetMapping
    @Operation(
            summary = "List, filter, search and sort products",
            description =
                    "sort: name | price | createdAt (default createdAt,desc) | relevance (with q), optionally ',asc' or ',desc'. "
                            + "category includes its subcategories. q is a web-search style full-text query ranked by relevance. "
                            + "page × size may not pass 10 000; beyond it, walk the newest-first order with after=nextCursor.")
    ResponseEntity<ProductPage> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(ProductQuery.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(ProductQuery.MAX_PAGE_SIZE) int size,
            @RequestParam(required = false) @Parameter(example = "price,asc") String sort,
            @RequestParam(required = false) UUID category,
            @RequestParam(required = false) @PositiveOrZero BigDecimal minPrice,
            @RequestParam(required = false) @PositiveOrZero BigDecimal maxPrice,
            @RequestParam(required = false) ProductStatus status,
            @RequestParam(required = false) Boolean inStock,
            @RequestParam(required = false) @Size(max = ProductQuery.MAX_TEXT_LENGTH) String q,
            @RequestParam(required = false)
                    @Size(max = ProductCursor.MAX_LENGTH)
                    @Parameter(description = "nextCursor of the previous page (newest-first order only)")
                    String after) {
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw ShopProblem.badRequest("minPrice must not be greater than maxPrice.");
        }
        var hasText = q != null && !q.isBlank();
        var sortField = hasText ? ProductQuery.SortField.RELEVANCE : ProductQuery.SortField.CREATED_AT;
        var descending = !hasText;
        if (sort != null && !sort.isBlank()) {
            var parts = sort.split(",");
            sortField = ProductQuery.SortField.fromApiName(parts[0].strip());
            if (sortField == null || parts.length > 2) {
                throw badSort(sort);
            }
            if (sortField == ProductQuery.SortField.RELEVANCE && !hasText) {
                throw ShopProblem.badRequest("sort=relevance needs a text query q.");
            }
            descending = false;
            if (parts.length == 2) {
                switch (parts[1].strip().toLowerCase()) {
                    case "asc" -> descending = false;
                    case "desc" -> descending = true;
                    default -> throw badSort(sort);
                }
            }
        }
        PageWindow.check(page, size, "walk further with the 'after' cursor (nextCursor) of the newest-first order.");
        ProductCursor cursor = null;
        if (after != null) {
            if (sortField != ProductQuery.SortField.CREATED_AT || !descending || page != 0) {
                throw ShopProblem.badRequest(
                        "after works with the default newest-first order (sort=createdAt,desc) " + "and without page.");
            }
            try {
                cursor = ProductCursor.decode(after);
            } catch (IllegalArgumentException ex) {
                throw ShopProblem.badRequest(ex.getMessage() + ".");
            }
        }
        var query = new ProductQuery(
                category,
                minPrice,
                maxPrice,
                status,
                inStock,
                hasText ? q.strip() : null,
                sortField,
                descending,
                cursor,
                page,
                size);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic())
                .body(catalog.search(query));
    }

    private static ShopProblem badSort(String sort) {
        var allowed = Arrays.stream(ProductQuery.SortField.values())
                .map(ProductQuery.SortField::apiName)
                .toList();
        return new ShopProblem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                "sort '" + sort + "' is not allowed; use one of " + allowed
                        + " optionally followed by ',asc' or ',desc'.",
                Map.of(
                        "errors",
                        java.util.List.of(new dev.prodev.shop.web.problem.ProblemDetailsHandler.FieldError(
                                "sort", "must be one of " + allowed))));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One product; answers 304 when If-None-Match holds its current ETag")
    ResponseEntity<ProductView> get(
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return conditional(catalog.byId(id), ifNoneMatch);
    }

    @GetMapping("/sku/{sku}")
    @Operation(summary = "One product by SKU; answers 304 when If-None-Match holds its current ETag")
    ResponseEntity<ProductView> getBySku(
            @PathVariable String sku,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return conditional(catalog.bySku(sku), ifNoneMatch);
    }

    private static ResponseEntity<ProductView> conditional(ProductView product, String ifNoneMatch) {
        if (ifNoneMatch != null && matches(ifNoneMatch, product.etag(), true)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(product.etag())
                    .cacheControl(PRODUCT_CACHING)
                    .build();
        }
        return ResponseEntity.ok()
                .eTag(product.etag())
                .cacheControl(PRODUCT_CACHING)
                .body(product);
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Create a product with its initial stock (admin)")
    ResponseEntity<ProductView> create(@Valid @RequestBody ProductRequest request) {
        var created = admin.create(request);
        return ResponseEntity.created(URI.create("/api/v1/products/" + created.id()))
                .eTag(created.etag())
                .body(created);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('admin')")
    @Operation(
            summary = "Replace a product's editable fields (admin)",
            description =
                    "Requires If-Match with the ETag you read: 428 without it, 412 when the product changed since.")
    ResponseEntity<ProductView> update(
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ProductRequest request) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ShopProblem(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "precondition-required",
                    "Precondition Required",
                    "Send If-Match with the product's ETag so a concurrent change is not overwritten.",
                    Map.of());
        }
        var updated = admin.update(id, expectedVersion(ifMatch), request);
        return ResponseEntity.ok().eTag(updated.etag()).body(updated);
    }

    @PostMapping("/{id}/discontinue")
    @PreAuthorize("hasRole('admin')")
    @Operation(summary = "Take a product off sale (admin); idempotent; If-Match optional")
    ResponseEntity<ProductView> discontinue(
            @PathVariable UUID id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var result = admin.discontinue(id, ifMatch == null || ifMatch.isBlank() ? null : expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(result.etag()).body(result);
    }

    /** The version named by a strong If-Match; {@code *} means any version (null). */
    private static Long expectedVersion(String ifMatch) {
        var value = ifMatch.strip();
        if (value.equals("*")) {
            return null;
        }
        if (value.contains(",")) {
            throw ShopProblem.badRequest("If-Match must hold exactly one ETag.");
        }
        if (value.startsWith("W/")) {
            throw ShopProblem.preconditionFailed("If-Match needs a strong ETag; weak ones never match.");
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException ex) {
            throw ShopProblem.preconditionFailed("If-Match " + value + " is not an ETag of this product.");
        }
    }

    /** If-None-Match uses weak comparison (RFC 9110 13.1.2): W/"3" matches "3"; * matches any. */
    static boolean matches(String header, String etag, boolean weak) {
        for (var candidate : header.split(",")) {
            var tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (weak && tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
