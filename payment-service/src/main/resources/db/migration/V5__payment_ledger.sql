-- What the provider confirmed it took (Chapa's verify answer), which can differ from what we asked
-- for (issue #14, docs/adr/0025): refunds give back this amount, the saga compares it with the total.
alter table payment
    add column captured_amount   numeric(12, 2),
    add column captured_currency varchar(3);

-- Append-only money trail per payment: every movement (authorization, capture, refund, void) with its
-- amount and the provider's reference, written in the transaction of the state change it records.
create table payment_ledger (
    id                 bigserial primary key,
    payment_id         uuid           not null references payment (id),
    order_id           uuid           not null,
    kind               varchar(24)    not null
        check (kind in ('AUTHORIZATION', 'CAPTURE', 'REFUND', 'REFUND_PENDING', 'VOID')),
    amount             numeric(12, 2) not null check (amount >= 0),
    currency           varchar(3)     not null check (currency ~ '^[A-Z]{3}$'),
    provider_reference varchar(100),
    note               varchar(255),
    recorded_at        timestamptz    not null default now()
);
create index payment_ledger_payment_idx on payment_ledger (payment_id);
create index payment_ledger_day_idx on payment_ledger (recorded_at, kind);

-- append-only is a database rule, not a convention: no row is ever changed or removed
create function payment_ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'payment_ledger is append-only (% refused)', tg_op;
end;
$$;
create trigger payment_ledger_append_only
    before update or delete on payment_ledger
    for each row execute function payment_ledger_append_only();
create trigger payment_ledger_no_truncate
    before truncate on payment_ledger
    for each statement execute function payment_ledger_append_only();
alter table payment add column reconciled_at timestamptz;
create index payment_reconcile_idx on payment (status, updated_at) where status in ('PENDING', 'FAILED', 'REFUND_PENDING');
