-- Sent emails keep the recipient's address and the text (names, order details) only for
-- shop.retention.sent-deliveries (issue #12); then PersonalDataRetention redacts them and says when here.
alter table delivery add column redacted_at timestamptz;
-- the retention job's query: finished, unredacted deliveries, oldest first
create index delivery_unredacted_idx on delivery (coalesce(sent_at, created_at))
    where redacted_at is null and status in ('SENT', 'DEAD');
-- and the read notifications it deletes
create index notification_read_idx on notification (read_at) where read_at is not null;
