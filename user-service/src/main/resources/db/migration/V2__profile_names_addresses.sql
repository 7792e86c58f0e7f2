-- Profile details the shop needs beyond Keycloak's account, and the shopper's addresses.
alter table user_profile
    add column first_name  varchar(100),
    add column last_name   varchar(100),
    add column disabled_at timestamptz,
    add column updated_at  timestamptz not null default now(),
    add column version     bigint      not null default 0;

-- admin search: case-insensitive substring on email and display name
create index user_profile_email_lower_idx on user_profile (lower(email));
create index user_profile_created_at_idx on user_profile (created_at desc, id);

create table address (
    id           uuid primary key,
    profile_id   uuid         not null references user_profile (id) on delete cascade,
    label        varchar(50)  not null,
    recipient    varchar(200) not null,
    line1        varchar(200) not null,
    line2        varchar(200),
    city         varchar(100) not null,
    postal_code  varchar(20)  not null,
    country      varchar(2)   not null,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now()
);
create index address_profile_idx on address (profile_id);
