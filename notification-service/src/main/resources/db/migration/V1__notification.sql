create table notification (
    id            uuid primary key,
    recipient_id  varchar(64)   not null,
    channel       varchar(16)   not null,
    subject       varchar(300)  not null,
    body          text          not null,
    created_at    timestamptz   not null default now(),
    read_at       timestamptz
);
create index notification_recipient_created_idx on notification (recipient_id, created_at desc);
