-- Payments become a small state machine (PENDING -> AUTHORIZED/FAILED, AUTHORIZED -> REFUNDED)
-- owned by one customer, made through one provider; refunds and provider webhooks get their own tables.

alter table payment
    add column customer_id        varchar(255),
    add column provider           varchar(32)   not null default 'simulator',
    add column provider_reference varchar(100),
    add column checkout_url       varchar(1000),
    add column failure_reason     varchar(255),
    add column version            bigint        not null default 0,
    add column updated_at         timestamptz   not null default now();

update payment set customer_id = 'unknown' where customer_id is null;
alter table payment alter column customer_id set not null;
alter table payment alter column provider drop default;

alter table payment
    add constraint payment_status_check check (status in ('PENDING', 'AUTHORIZED', 'FAILED', 'REFUNDED')),
    add constraint payment_currency_check check (currency ~ '^[A-Z]{3}$');

-- webhooks find the payment by the reference the provider echoes back (Chapa's tx_ref)
create unique index payment_provider_reference_uq on payment (provider, provider_reference)
    where provider_reference is not null;
-- "my payments" and support queries
create index payment_customer_idx on payment (customer_id);

create table refund (
    id                 uuid primary key,
    -- no partial refunds (Chapa does not support them): at most one refund per payment
    payment_id         uuid           not null unique references payment (id),
    amount             numeric(12, 2) not null check (amount >= 0),
    currency           varchar(3)     not null,
    reason             varchar(500)   not null,
    provider_reference varchar(100),
    requested_by       varchar(255)   not null,
    created_at         timestamptz    not null default now()
);

create table webhook_event (
    id              uuid primary key,
    provider        varchar(32)   not null,
    -- null when the signature was not valid: an unauthenticated caller must not be able to
    -- reserve (and so block) an event id the real provider will send later
    event_id        varchar(200),
    signature_valid boolean       not null,
    payload         text          not null,
    received_at     timestamptz   not null default now()
);

create unique index webhook_event_provider_event_uq on webhook_event (provider, event_id) where signature_valid;
create index webhook_event_received_idx on webhook_event (received_at);
