create table product (
    id            uuid primary key,
    sku           varchar(64)    not null unique,
    name          varchar(200)   not null,
    price_amount  numeric(12, 2) not null check (price_amount >= 0),
    currency      varchar(3)      not null,
    created_at    timestamptz    not null default now()
);
