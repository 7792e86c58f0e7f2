-- Poison outbox rows (issue #14): after shop.messaging.outbox.max-attempts failed publishes a row is parked.
-- A parked row is not retried, and the later rows of its key wait behind it (per-key order), until an admin
-- retries or skips it (GET/POST <admin-path>/outbox). Version 1000.2: platform-messaging's own range.
alter table outbox add column parked_at timestamptz;
create index outbox_parked on outbox (seq) where parked_at is not null and published_at is null;
