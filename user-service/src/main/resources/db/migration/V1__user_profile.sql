create table user_profile (
    id            uuid primary key,
    keycloak_id   varchar(64)  not null unique,
    email         varchar(320) not null unique,
    display_name  varchar(200) not null,
    created_at    timestamptz  not null default now()
);
