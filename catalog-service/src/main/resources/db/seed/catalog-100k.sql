-- Benchmark data set: 100 000 products in a 3-level tree of 210 categories (10 departments, 100
-- aisles, 100 shelves), with stock, for
-- EXPLAIN (docs/catalog-query-plans.md) and the benchmarks (bench/catalog). Deterministic
-- (setseed), idempotent (skips when the BENCH- products exist), runs after Flyway migrated the schema:
--   PGPASSWORD=catalog_service_dev psql -h 127.0.0.1 -U catalog_service -d catalog \
--        -f catalog-service/src/main/resources/db/seed/catalog-100k.sql
-- It writes no outbox events: bench products are not announced to order-service.
\set ON_ERROR_STOP on
begin;

select setseed(0.42);

create temporary table bench_words (i int primary key, word text) on commit drop;
insert into bench_words
select row_number() over () - 1, w
from unnest(string_to_array(
  'wireless ergonomic mechanical portable compact premium classic organic stainless bamboo leather '
  || 'carbon titanium ceramic cotton wool smart solar vintage modern rugged waterproof silent turbo '
  || 'keyboard mouse monitor laptop headphones speaker microphone camera lamp chair desk kettle grinder '
  || 'mug bottle backpack jacket sneaker watch charger cable adapter router drone tripod notebook pen '
  || 'coffee tea honey spice blanket pillow towel candle', ' ')) as w;

insert into category (id, parent_id, slug, name)
select md5('bench-root-' || r)::uuid, null, 'bench-' || r, 'Bench department ' || r
from generate_series(1, 10) r
on conflict (slug) do nothing;

insert into category (id, parent_id, slug, name)
select md5('bench-mid-' || r || '-' || m)::uuid, md5('bench-root-' || r)::uuid, 'bench-' || r || '-' || m,
       'Bench aisle ' || r || '.' || m
from generate_series(1, 10) r, generate_series(1, 10) m
on conflict (slug) do nothing;

insert into category (id, parent_id, slug, name)
select md5('bench-leaf-' || r || '-' || m)::uuid, md5('bench-mid-' || r || '-' || m)::uuid,
       'bench-' || r || '-' || m || '-x', 'Bench shelf ' || r || '.' || m
from generate_series(1, 10) r, generate_series(1, 10) m
on conflict (slug) do nothing;

create temporary table bench_products on commit drop as
select md5('bench-product-' || n)::uuid as id,
       'BENCH-' || lpad(n::text, 6, '0') as sku,
       n,
       (random() * 49)::int as w1, (random() * 49)::int as w2, (random() * 49)::int as w3,
       1 + (random() * 9)::int as root, 1 + (random() * 9)::int as mid, random() < 0.5 as leaf,
       round((1 + random() * random() * 20000)::numeric, 2) as price,
       random() < 0.05 as discontinued,
       case when random() < 0.15 then 0 else (random() * 200)::int end as on_hand,
       now() - (random() * interval '730 days') as created
from generate_series(1, 100000) n
where not exists (select 1 from product where sku = 'BENCH-000001');

insert into product (id, sku, name, description, category_id, price_amount, currency, status, attributes,
                     image_urls, created_at, updated_at)
select p.id, p.sku,
       initcap(a.word || ' ' || b.word || ' ' || c.word) || ' ' || p.n,
       'A ' || a.word || ', ' || b.word || ' ' || c.word || ' for everyday use. Model ' || p.n || '.',
       case when p.leaf then md5('bench-leaf-' || p.root || '-' || p.mid)::uuid
            else md5('bench-mid-' || p.root || '-' || p.mid)::uuid end,
       p.price, 'ETB', case when p.discontinued then 'DISCONTINUED' else 'ACTIVE' end,
       jsonb_build_object('colour', (array['black','white','red','blue','green'])[1 + p.n % 5], 'weight_g', p.n % 5000),
       jsonb_build_array('https://images.prodev.shop/bench/' || p.sku || '.jpg'),
       p.created, p.created
from bench_products p
join bench_words a on a.i = p.w1
join bench_words b on b.i = p.w2
join bench_words c on c.i = 24 + p.w3 % 26;

insert into stock (product_id, on_hand, reserved)
select id, on_hand, 0 from bench_products
on conflict (product_id) do nothing;

commit;
analyze category;
analyze product;
analyze stock;
select count(*) as products, (select count(*) from category) as categories, (select count(*) from stock) as stock_rows
from product;
