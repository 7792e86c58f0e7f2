-- The order aggregate grows the saga state: who to notify, the current step's deadline, why it
-- was cancelled, and a version for optimistic locking (listeners, the deadline job and the
-- customer may touch the same order at once).
alter table customer_order
    add column customer_email varchar(320),
    add column updated_at     timestamptz not null default now(),
    add column deadline_at    timestamptz,
    add column cancel_reason  varchar(64),
    add column payment_id     uuid,
    add column version        bigint      not null default 0;

alter table customer_order
    add constraint customer_order_status_check
        check (status in ('PENDING', 'STOCK_RESERVED', 'PAID', 'CONFIRMED', 'CANCELLED'));

-- the deadline job scans only sagas still running
create index customer_order_deadline_idx on customer_order (deadline_at)
    where status in ('PENDING', 'STOCK_RESERVED', 'PAID');
-- the admin list (all orders, newest first)
create index customer_order_created_idx on customer_order (created_at desc);

-- Lines keep the product's name and the price taken from the price read model at order time:
-- later price changes never alter a placed order.
create table order_line (
    id           bigserial primary key,
    order_id     uuid           not null references customer_order (id) on delete cascade,
    product_id   uuid           not null,
    sku          varchar(64)    not null,
    product_name varchar(200)   not null,
    quantity     integer        not null check (quantity between 1 and 100),
    unit_price   numeric(12, 2) not null check (unit_price >= 0),
    currency     varchar(3)     not null,
    unique (order_id, product_id)
);
create index order_line_order_idx on order_line (order_id);

-- Every state change of the saga, in order: the timeline an admin or SRE reads.
create table order_transition (
    id          bigserial primary key,
    order_id    uuid         not null references customer_order (id) on delete cascade,
    from_status varchar(32),
    to_status   varchar(32)  not null,
    reason      varchar(500) not null,
    at          timestamptz  not null
);
create index order_transition_order_idx on order_transition (order_id, id);

-- One row per (customer, Idempotency-Key): a retry finds the order it created. The foreign key
-- is checked at commit because the key is claimed before the order row is inserted.
create table idempotency_key (
    customer_id     varchar(64)  not null,
    idempotency_key varchar(100) not null,
    request_hash    varchar(64)  not null,
    order_id        uuid         not null references customer_order (id) on delete cascade
                                 deferrable initially deferred,
    created_at      timestamptz  not null default now(),
    primary key (customer_id, idempotency_key)
);

-- The catalog's prices as this service last heard them (shop.products); the price of an order
-- line comes from here, never from the client.
create table product_price (
    product_id   uuid primary key,
    sku          varchar(64)    not null,
    name         varchar(200)   not null,
    price_amount numeric(12, 2) not null check (price_amount >= 0),
    currency     varchar(3)     not null,
    status       varchar(16)    not null,
    changed_at   timestamptz    not null,
    updated_at   timestamptz    not null default now()
);
