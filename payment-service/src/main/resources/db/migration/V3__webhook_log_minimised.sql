-- Issue #12: the webhook log stored every body, signed or not (up to 64 KB each, from anyone), with the
-- payer's name, email and phone number, and kept it forever. From now on only authentic webhooks are
-- stored, minimised to what reconciliation needs; WebhookRetention deletes them after
-- shop.retention.webhook-log. This migration brings the rows already stored into that shape.

-- unauthenticated bodies: nothing in them can be trusted, and anyone could have posted them
delete from webhook_event where not signature_valid;

-- authentic bodies: keep the reconciliation fields only (a row that is not a JSON object keeps nothing)
do $$
declare
    row_id uuid;
    body   text;
    kept   jsonb;
begin
    for row_id, body in select id, payload from webhook_event loop
        begin
            select coalesce(jsonb_object_agg(key, value #>> '{}'), '{}'::jsonb) into kept
              from jsonb_each(body::jsonb)
             where key in ('event', 'tx_ref', 'reference', 'status', 'amount', 'currency', 'type', 'mode')
               and jsonb_typeof(value) in ('string', 'number');
        exception when others then
            kept := '{}'::jsonb;
        end;
        update webhook_event set payload = kept::text where id = row_id;
    end loop;
end
$$;

comment on column webhook_event.payload is 'minimised: event, tx_ref, reference, status, amount, currency, type, mode';
comment on column webhook_event.signature_valid is 'always true since V3: rejected calls are counted, not stored';
