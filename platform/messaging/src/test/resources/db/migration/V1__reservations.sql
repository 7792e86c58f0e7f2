-- the test consumer's effect: one row per applied ReserveStock
create table it_reservation (
    order_id   uuid primary key,
    event_id   text not null,
    lines      int  not null,
    applied_at timestamptz not null default now()
);
