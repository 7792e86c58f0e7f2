package dev.prodev.shop.catalog.category;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CategoryRepository extends JpaRepository<Category, UUID> {

    List<Category> findAllByOrderByNameAsc();

    boolean existsBySlug(String slug);

    boolean existsByParentId(UUID parentId);

    /** The category and every category below it (recursive CTE over parent_id). */
    @Query(value = """
            with recursive subtree(id) as (
                select id from category where id = :root
                union all
                select c.id from category c join subtree s on c.parent_id = s.id)
            select id from subtree""", nativeQuery = true)
    List<UUID> subtreeIds(UUID root);

    /** The ancestors of a category, itself included: a move below one of them would make a cycle. */
    @Query(value = """
            with recursive ancestors(id, parent_id) as (
                select id, parent_id from category where id = :id
                union all
                select c.id, c.parent_id from category c join ancestors a on c.id = a.parent_id)
            select id from ancestors""", nativeQuery = true)
    List<UUID> ancestorIds(UUID id);

    List<Category> findByIdIn(Collection<UUID> ids);

    List<Category> findByParentIdInOrderByNameAsc(Collection<UUID> parentIds);
}
