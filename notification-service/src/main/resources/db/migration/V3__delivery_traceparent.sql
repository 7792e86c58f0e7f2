-- The W3C traceparent of the transaction that queued the email: the send span continues that
-- trace, so a retry after an SMTP outage still shows up in the purchase's trace.
alter table delivery add column traceparent varchar(55);
