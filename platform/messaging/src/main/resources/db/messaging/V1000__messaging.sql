-- platform-messaging tables, shipped in every service's database (versions >= 1000; services use < 1000).

-- Transactional outbox: written in the business transaction, published by the relay in seq order.
create table outbox (
    id              uuid        primary key,               -- the CloudEvents ce_id
    seq             bigint      generated always as identity,
    topic           text        not null,
    event_key       text        not null,                  -- Kafka key = aggregate id; order is kept per (topic, key)
    type            text        not null,                  -- ce_type
    payload         jsonb       not null,                  -- the event data
    traceparent     text,                                  -- W3C trace context of the request that appended it
    occurred_at     timestamptz not null,                  -- ce_time
    created_at      timestamptz not null default now(),
    published_at    timestamptz,                           -- null = pending
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),    -- backoff after a failed publish
    last_error      text
);
create unique index outbox_seq on outbox (seq);
create index outbox_pending on outbox (seq) where published_at is null;
create index outbox_pending_key on outbox (topic, event_key, seq) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Inbox: which events each consumer has applied (idempotent consumers).
create table inbox (
    consumer    text        not null,
    event_id    text        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_received_at on inbox (received_at);

-- Dead letters of this service's consumers, with what is needed to redrive them.
create table dead_letter (
    id               uuid        primary key,
    consumer_group   text        not null,
    topic            text        not null,
    partition        int         not null,
    "offset"         bigint      not null,
    record_key       text,
    headers          jsonb       not null,                 -- original headers, values base64
    payload          bytea,                                -- original value, as received (may not be JSON)
    event_id         text,
    event_type       text,
    exception        text        not null,
    message          text,
    dead_lettered_at timestamptz not null default now(),
    redriven_at      timestamptz,
    redrive_count    int         not null default 0,
    unique (consumer_group, topic, partition, "offset")
);
create index dead_letter_open on dead_letter (dead_lettered_at) where redriven_at is null;

-- ShedLock (JDBC provider, DB time): the messaging cleanup and any service job that must run on one replica.
create table if not exists shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
