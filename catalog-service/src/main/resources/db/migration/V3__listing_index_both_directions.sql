-- EXPLAIN on the 100k seed showed the newest-first listing (order by created_at desc, id desc)
-- reading product_created_idx (created_at desc, id asc) and then re-sorting ties with an
-- Incremental Sort. An index in one consistent direction serves both "newest first" (scanned
-- backwards) and "oldest first" with no sort step at all. See docs/catalog-query-plans.md, Q1.
drop index product_created_idx;
create index product_created_idx on product (created_at, id);
