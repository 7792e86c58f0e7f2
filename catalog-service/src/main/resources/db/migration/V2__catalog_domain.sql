-- The catalogue: a category tree, products with price, status, attributes and images, stock per
-- product, and stock reservations per (order, product). Index choices are justified by the
-- EXPLAIN (ANALYZE) plans on the 100k-product seed in docs/catalog-query-plans.md.

create table category (
    id          uuid primary key,
    parent_id   uuid references category (id) on delete restrict,
    slug        varchar(100) not null unique,
    name        varchar(200) not null,
    created_at  timestamptz  not null default now(),
    version     bigint       not null default 0,
    check (parent_id is null or parent_id <> id)
);
-- walking the tree downwards (recursive CTE: children of a node)
create index category_parent_idx on category (parent_id);

alter table product
    add column category_id  uuid references category (id) on delete restrict,
    add column description  text         not null default '',
    add column status       varchar(16)  not null default 'ACTIVE'
        check (status in ('ACTIVE', 'DISCONTINUED')),
    add column attributes   jsonb        not null default '{}'::jsonb,
    add column image_urls   jsonb        not null default '[]'::jsonb,
    add column updated_at   timestamptz  not null default now(),
    add column version      bigint       not null default 0,
    add constraint product_currency_iso check (currency ~ '^[A-Z]{3}$'),
    -- ranked full-text search: name and SKU weigh more than the description; one dictionary on both sides (query and document) so SKU parts stem alike
    add column search_vector tsvector generated always as (
        setweight(to_tsvector('english', sku), 'A') ||
        setweight(to_tsvector('english', name), 'A') ||
        setweight(to_tsvector('english', description), 'B')) stored;

create index product_search_idx on product using gin (search_vector);
-- category filter (the CTE yields a handful of ids; each probes this index)
create index product_category_idx on product (category_id);
-- price range filter and "sort by price": a range scan that is already in order
create index product_price_idx on product (price_amount, id);
-- default listing (newest first) and name sort: LIMIT n reads n index entries instead of sorting 100k rows
create index product_created_idx on product (created_at desc, id);
create index product_name_idx on product (name, id);

create table stock (
    product_id  uuid primary key references product (id) on delete cascade,
    on_hand     integer     not null default 0 check (on_hand >= 0),
    reserved    integer     not null default 0 check (reserved >= 0),
    updated_at  timestamptz not null default now(),
    -- the last line of defence against overselling: the conditional UPDATE keeps it true, this proves it
    constraint stock_reserved_within_on_hand check (reserved <= on_hand)
);

create table stock_reservation (
    id          uuid primary key,
    order_id    uuid        not null,
    product_id  uuid        not null references product (id),
    quantity    integer     not null check (quantity > 0),
    status      varchar(16) not null check (status in ('RESERVED', 'COMMITTED', 'RELEASED', 'EXPIRED')),
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    -- one row per order and product: a redelivered or repeated reserve command cannot reserve twice
    constraint stock_reservation_order_product unique (order_id, product_id)
);
-- the expiry job only ever looks at live reservations past their deadline
create index stock_reservation_expiry_idx on stock_reservation (expires_at) where status = 'RESERVED';
