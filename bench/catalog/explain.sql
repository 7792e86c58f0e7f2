-- EXPLAIN (ANALYZE, BUFFERS) of the catalogue's hot queries on the 100k seed, each with its
-- index and, inside a rolled-back transaction, without it. Output goes to docs/catalog-query-plans.md.
--   PGPASSWORD=catalog_service_dev psql -h 127.0.0.1 -U catalog_service -d catalog -f bench/catalog/explain.sql
-- The SQL is exactly what ProductSearch generates (bind parameters inlined).
\pset pager off
-- ProductSearch first resolves a category's subtree (recursive CTE over category.parent_id, 210 rows),
-- then filters products by the resulting id list: these are those lists for a department and a shelf.
\set subtree_of_department `PGPASSWORD=catalog_service_dev psql -h 127.0.0.1 -U catalog_service -d catalog -tAc "with recursive subtree(id) as (select id from category where slug = 'bench-3' union all select c.id from category c join subtree s on c.parent_id = s.id) select string_agg(quote_literal(id::text), ',') from subtree"`
\set subtree_of_shelf `PGPASSWORD=catalog_service_dev psql -h 127.0.0.1 -U catalog_service -d catalog -tAc "with recursive subtree(id) as (select id from category where slug = 'bench-3-4-x' union all select c.id from category c join subtree s on c.parent_id = s.id) select string_agg(quote_literal(id::text), ',') from subtree"`

\echo '### Q0 the subtree of a department (recursive CTE; category_parent_idx is too small to matter at 210 rows)'
explain (analyze, buffers, costs off) with recursive subtree(id) as (
      select id from category where slug = 'bench-3'
      union all
      select c.id from category c join subtree s on c.parent_id = s.id)
    select id from subtree;

\echo '### Q1 default listing: newest first, first page'
explain (analyze, buffers, costs off) select p.* from product p order by p.created_at desc, p.id desc limit 20 offset 0;
begin; drop index product_created_idx;
\echo '### Q1 without product_created_idx'
explain (analyze, buffers, costs off) select p.* from product p order by p.created_at desc, p.id desc limit 20 offset 0;
rollback;

\echo '### Q2a a department (21 categories, 11% of the products), newest first'
explain (analyze, buffers, costs off) select p.* from product p where p.category_id in (:subtree_of_department)
  order by p.created_at desc, p.id desc limit 20 offset 0;

\echo '### Q2b a shelf (1 category, 0.6% of the products), newest first'
explain (analyze, buffers, costs off) select p.* from product p where p.category_id in (:subtree_of_shelf)
  order by p.created_at desc, p.id desc limit 20 offset 0;
begin; drop index product_category_created_idx; create index product_category_idx on product (category_id);
\echo '### Q2b with the single-column (category_id) index of V2 instead'
explain (analyze, buffers, costs off) select p.* from product p where p.category_id in (:subtree_of_shelf)
  order by p.created_at desc, p.id desc limit 20 offset 0;
rollback;

\echo '### Q2c a shelf, cheapest first (no dedicated index: see the notes)'
explain (analyze, buffers, costs off) select p.* from product p where p.category_id in (:subtree_of_shelf)
  order by p.price_amount asc, p.id asc limit 20 offset 0;

\echo '### Q3 price range, cheapest first'
explain (analyze, buffers, costs off) select p.* from product p where p.price_amount >= 100 and p.price_amount <= 150
  order by p.price_amount asc, p.id asc limit 20 offset 0;
begin; drop index product_price_idx;
\echo '### Q3 without product_price_idx'
explain (analyze, buffers, costs off) select p.* from product p where p.price_amount >= 100 and p.price_amount <= 150
  order by p.price_amount asc, p.id asc limit 20 offset 0;
rollback;

\echo '### Q4 full-text search, ranked'
explain (analyze, buffers, costs off) select p.* from product p
  where p.search_vector @@ websearch_to_tsquery('english', 'wireless keyboard')
  order by ts_rank(p.search_vector, websearch_to_tsquery('english', 'wireless keyboard')) desc, p.id limit 20 offset 0;
begin; drop index product_search_idx;
\echo '### Q4 without product_search_idx'
explain (analyze, buffers, costs off) select p.* from product p
  where p.search_vector @@ websearch_to_tsquery('english', 'wireless keyboard')
  order by ts_rank(p.search_vector, websearch_to_tsquery('english', 'wireless keyboard')) desc, p.id limit 20 offset 0;
rollback;

\echo '### Q5 active and in stock, by name'
explain (analyze, buffers, costs off) select p.* from product p where p.status = 'ACTIVE'
  and exists (select 1 from stock s where s.product_id = p.id and s.on_hand > s.reserved)
  order by p.name asc, p.id asc limit 20 offset 0;
begin; drop index product_name_idx;
\echo '### Q5 without product_name_idx'
explain (analyze, buffers, costs off) select p.* from product p where p.status = 'ACTIVE'
  and exists (select 1 from stock s where s.product_id = p.id and s.on_hand > s.reserved)
  order by p.name asc, p.id asc limit 20 offset 0;
rollback;

\echo '### Q6 the page total of Q2a and Q2b (count of the filter)'
explain (analyze, buffers, costs off) select count(*) from product p where p.category_id in (:subtree_of_department);
explain (analyze, buffers, costs off) select count(*) from product p where p.category_id in (:subtree_of_shelf);
begin; drop index product_category_created_idx;
\echo '### Q6 shelf count without any category index'
explain (analyze, buffers, costs off) select count(*) from product p where p.category_id in (:subtree_of_shelf);
rollback;

\echo '### Q7 get by SKU (unique constraint index from V1)'
explain (analyze, buffers, costs off) select * from product where sku = 'BENCH-042424';

\echo '### Q8 reservation expiry job (partial index; 20k live reservations, 1k due)'
begin;
insert into stock_reservation (id, order_id, product_id, quantity, status, expires_at)
select gen_random_uuid(), gen_random_uuid(), p.id, 1, 'RESERVED',
       now() + case when n % 20 = 0 then interval '-1 minute' else interval '10 minutes' end
from (select id, row_number() over () as n from product limit 20000) p;
analyze stock_reservation;
explain (analyze, buffers, costs off) select distinct order_id from stock_reservation
  where status = 'RESERVED' and expires_at < now() limit 200;
drop index stock_reservation_expiry_idx;
\echo '### Q8 without stock_reservation_expiry_idx'
explain (analyze, buffers, costs off) select distinct order_id from stock_reservation
  where status = 'RESERVED' and expires_at < now() limit 200;
rollback;
