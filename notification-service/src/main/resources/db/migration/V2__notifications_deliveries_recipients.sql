-- A notification is what the user sees in the app; a delivery is one channel's attempt to send it
-- elsewhere (email today). Channels moved to delivery, so the notification loses its column.
alter table notification drop column channel;
alter table notification add column kind varchar(40) not null default 'GENERAL';
alter table notification add column order_id uuid;
-- The CloudEvents id of the event that caused it: a redelivered event finds its notification and
-- stops (defence in depth beside the inbox).
alter table notification add column source_event_id varchar(200);
alter table notification alter column kind drop default;
create unique index notification_source_event_uk on notification (source_event_id);
create index notification_unread_idx on notification (recipient_id) where read_at is null;

create table delivery (
    id              uuid          primary key,
    notification_id uuid          not null references notification (id) on delete cascade,
    recipient_id    varchar(64)   not null,
    channel         varchar(16)   not null,
    address         varchar(320)  not null,
    subject         varchar(300)  not null,
    text_body       text          not null,
    html_body       text          not null,
    status          varchar(16)   not null check (status in ('PENDING', 'SENT', 'DEAD')),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    sent_at         timestamptz
);
-- the delivery job's query: due, pending rows, oldest first
create index delivery_due_idx on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_notification_idx on delivery (notification_id);
create index delivery_recipient_idx on delivery (recipient_id);

-- Who a user is for the notifier: from user.registered, refreshed by the customerEmail of order events.
create table recipient (
    user_id      varchar(64)  primary key,
    email        varchar(320),
    display_name varchar(200),
    updated_at   timestamptz  not null
);

-- Payment events carry only the order id: this maps it to the customer (from the order events).
create table customer_order (
    order_id    uuid         primary key,
    customer_id varchar(64)  not null,
    created_at  timestamptz  not null
);
create index customer_order_customer_idx on customer_order (customer_id);

-- Users who deleted their account: late events about their orders must not recreate personal data.
-- Only the opaque Keycloak id is kept.
create table erased_user (
    user_id   varchar(64)  primary key,
    erased_at timestamptz  not null
);
