package dev.prodev.shop.catalog.product;

import dev.prodev.shop.catalog.category.CategoryRepository;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The listing query: filters, ranked full-text search and a whitelisted sort as one native SQL
 * statement, so its plan can be read with EXPLAIN (docs/catalog-query-plans.md) and every part
 * hits an index. Only bind parameters carry client input; the ORDER BY comes from an enum.
 */
@Repository
class ProductSearch {

    private static final String TS_QUERY = "websearch_to_tsquery('english', :text)";

    private final EntityManager entityManager;
    private final CategoryRepository categories;

    ProductSearch(EntityManager entityManager, CategoryRepository categories) {
        this.entityManager = entityManager;
        this.categories = categories;
    }

    @Transactional(readOnly = true)
    ProductPage find(ProductQuery query) {
        var where = new ArrayList<String>();
        var parameters = new HashMap<String, Object>();
        if (query.categoryId() != null) {
            // resolved first (a small recursive CTE) so the planner sees the real ids: for one shelf it
            // then picks product_category_created_idx instead of guessing the CTE's size (plans Q2)
            var subtree = categories.subtreeIds(query.categoryId());
            if (subtree.isEmpty()) {
                return new ProductPage(List.of(), query.page(), query.size(), 0, 0, null);
            }
            where.add("p.category_id in (:categories)");
            parameters.put("categories", subtree);
        }
        if (query.minPrice() != null) {
            where.add("p.price_amount >= :minPrice");
            parameters.put("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            where.add("p.price_amount <= :maxPrice");
            parameters.put("maxPrice", query.maxPrice());
        }
        if (query.status() != null) {
            where.add("p.status = :status");
            parameters.put("status", query.status().name());
        }
        if (query.inStock() != null) {
            where.add((query.inStock() ? "" : "not ")
                    + "exists (select 1 from stock s where s.product_id = p.id and s.on_hand > s.reserved)");
        }
        if (query.hasText()) {
            where.add("p.search_vector @@ " + TS_QUERY);
            parameters.put("text", query.text().strip());
        }
        var filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        // the keyset condition narrows the page, never the count: totalItems stays the whole result
        var pageFilter = filter;
        if (query.after() != null) {
            pageFilter = (where.isEmpty() ? " where " : filter + " and ")
                    + "(p.created_at, p.id) < (:afterCreated, :afterId)";
        }

        var direction = query.descending() ? " desc" : " asc";
        var orderBy = query.sort() == ProductQuery.SortField.RELEVANCE
                ? " order by ts_rank(p.search_vector, " + TS_QUERY + ") desc, p.id"
                : " order by " + query.sort().column + direction + ", p.id" + direction;

        var select = entityManager.createNativeQuery(
                "select p.* from product p" + pageFilter + orderBy + " limit :limit offset :offset", Product.class);
        bind(select, parameters);
        if (query.after() != null) {
            select.setParameter(
                    "afterCreated",
                    java.time.OffsetDateTime.ofInstant(query.after().createdAt(), java.time.ZoneOffset.UTC));
            select.setParameter("afterId", query.after().id());
        }
        select.setParameter("limit", query.size());
        select.setParameter("offset", query.after() != null ? 0L : (long) query.page() * query.size());
        @SuppressWarnings("unchecked")
        List<Product> rows = select.getResultList();

        var count = entityManager.createNativeQuery("select count(*) from product p" + filter, Long.class);
        bind(count, parameters);
        var total = ((Number) count.getSingleResult()).longValue();

        var items = rows.stream().map(ProductView::of).toList();
        var pages = (int) Math.min(Integer.MAX_VALUE, (total + query.size() - 1) / query.size());
        var next = query.isNewestFirst() && items.size() == query.size()
                ? ProductCursor.after(items.getLast()).encode()
                : null;
        return new ProductPage(items, query.page(), query.size(), total, pages, next);
    }

    private static void bind(jakarta.persistence.Query target, Map<String, Object> parameters) {
        parameters.forEach(target::setParameter);
    }
}
