create table customer_order (
    id            uuid primary key,
    customer_id   varchar(64)    not null,
    status        varchar(32)    not null,
    total_amount  numeric(12, 2) not null check (total_amount >= 0),
    currency      varchar(3)      not null,
    created_at    timestamptz    not null default now()
);
create index customer_order_customer_created_idx on customer_order (customer_id, created_at desc);
