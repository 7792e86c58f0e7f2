-- Dead-letter payloads carry names and email addresses (issue #12): they are redacted on erasure and
-- after shop.retention.dead-letter-payloads, keeping the row. This says when, and makes a redacted
-- dead letter impossible to redrive (its payload is gone). Version 1000.1: platform-messaging's own range.
alter table dead_letter add column payload_redacted_at timestamptz;
create index dead_letter_unredacted on dead_letter (dead_lettered_at) where payload_redacted_at is null;
