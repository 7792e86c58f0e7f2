-- EXPLAIN on the 100k seed: "a shelf, newest first" walked product_created_idx and threw away
-- 5 000 rows of other categories to find 20 (70 ms), because a single-column category index
-- cannot deliver rows in created_at order. (category_id, created_at, id) answers it with one
-- backward index range scan (0.1 ms) and still serves plain category equality (counts, bitmaps),
-- so it replaces product_category_idx. See docs/catalog-query-plans.md, Q2.
drop index product_category_idx;
create index product_category_created_idx on product (category_id, created_at, id);
