-- A confirmed order can be refunded through the saga (issue #14, docs/adr/0025): REFUNDED once the
-- payment-service reports the money given back; its stock is restocked by a RestockStock command.
alter table customer_order drop constraint customer_order_status_check;
alter table customer_order
    add constraint customer_order_status_check
        check (status in ('PENDING', 'STOCK_RESERVED', 'PAID', 'CONFIRMED', 'CANCELLED', 'REFUNDED'));
