package dev.prodev.shop.catalog.graphql;

import dev.prodev.shop.catalog.product.Product;
import dev.prodev.shop.catalog.product.ProductView;
import dev.prodev.shop.catalog.stock.StockLevel;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** One statement per batch of GraphQL parents; all through Hibernate so its statistics count them. */
@Repository
class CatalogBatchQueries {

    private final EntityManager entityManager;

    CatalogBatchQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The first {@code limit} active products (by name) of each category, in one window-function query. */
    @Transactional(readOnly = true)
    Map<UUID, List<ProductView>> firstProductsOf(Collection<UUID> categoryIds, int limit) {
        if (categoryIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Product> rows = entityManager
                .createNativeQuery("""
                select p.* from (
                    select q.*, row_number() over (partition by q.category_id order by q.name, q.id) as rank_in_category
                    from product q where q.category_id in (:ids) and q.status = 'ACTIVE') p
                where p.rank_in_category <= :limit
                order by p.category_id, p.name, p.id""", Product.class)
                .setParameter("ids", categoryIds)
                .setParameter("limit", limit)
                .getResultList();
        var result = new HashMap<UUID, List<ProductView>>();
        rows.forEach(product -> result.computeIfAbsent(product.getCategoryId(), id -> new ArrayList<>())
                .add(ProductView.of(product)));
        return result;
    }

    @Transactional(readOnly = true)
    Map<UUID, StockLevel> stockOf(Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("select product_id, on_hand, reserved from stock where product_id in (:ids)")
                .setParameter("ids", productIds)
                .getResultList();
        var result = new HashMap<UUID, StockLevel>();
        for (var row : rows) {
            var id = (UUID) row[0];
            var onHand = ((Number) row[1]).intValue();
            var reserved = ((Number) row[2]).intValue();
            result.put(id, new StockLevel(id, onHand, reserved, onHand - reserved));
        }
        return result;
    }
}
