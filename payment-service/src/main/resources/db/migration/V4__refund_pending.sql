-- A refund whose outcome is unknown (timeout at the provider) is REFUND_PENDING until a retry with the
-- same provider reference settles it (issue #14, finding 5; docs/adr/0018).
alter table payment drop constraint payment_status_check;
alter table payment
    add constraint payment_status_check check (status in ('PENDING', 'AUTHORIZED', 'FAILED', 'REFUND_PENDING', 'REFUNDED'));
