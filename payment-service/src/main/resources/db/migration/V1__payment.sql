create table payment (
    id            uuid primary key,
    order_id      uuid           not null unique,
    amount        numeric(12, 2) not null check (amount >= 0),
    currency      varchar(3)      not null,
    status        varchar(32)    not null,
    created_at    timestamptz    not null default now()
);
