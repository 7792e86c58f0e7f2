-- How many units of a committed sale were put back on hand by RestockStock (a refunded order,
-- issue #14, docs/adr/0025). Never more than the line sold, so a repeated command restocks nothing.
alter table stock_reservation
    add column restocked integer not null default 0,
    add constraint stock_reservation_restocked_within_quantity check (restocked between 0 and quantity);
