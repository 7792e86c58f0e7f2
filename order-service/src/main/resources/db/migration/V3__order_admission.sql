-- Who may place an order. The limits count a customer's open orders (saga still running): this
-- partial index finds them without reading the customer's whole history.
create index customer_order_customer_open_idx on customer_order (customer_id)
    where status in ('PENDING', 'STOCK_RESERVED', 'PAID');

-- A customer who deleted their account: their still-valid tokens are refused until the
-- tombstone expires (longer than any token lives), then the row is purged.
create table erased_customer (
    customer_id varchar(64) primary key,
    erased_at   timestamptz not null,
    expires_at  timestamptz not null
);
create index erased_customer_expires_idx on erased_customer (expires_at);
