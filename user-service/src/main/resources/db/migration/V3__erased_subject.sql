-- Tombstones of erased accounts (GDPR erasure): the subject's still-valid tokens are refused
-- until tombstone-ttl after Keycloak deleted the account. Only Keycloak's opaque id, no personal data.
create table erased_subject (
    subject_id          varchar(64) primary key,   -- JWT sub = Keycloak user id
    erased_at           timestamptz not null,
    keycloak_deleted_at timestamptz                -- null while the Keycloak deletion is pending
);
-- the sweep: pending deletions by age, and expired tombstones
create index erased_subject_pending_idx on erased_subject (erased_at) where keycloak_deleted_at is null;
create index erased_subject_deleted_idx on erased_subject (keycloak_deleted_at) where keycloak_deleted_at is not null;
