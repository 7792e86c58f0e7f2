#!/usr/bin/env bash
# bench/pipeline/run.sh: drives orders straight at order-service (the pipeline without the gateway)
# and reports placed/s, confirmed/s, placed->confirmed p50/p99 and CPU ms per confirmed order of
# every platform process (from /proc utime+stime, which survives a shared machine's noise better
# than rates). Needs the platform running (deploy/local/up) with the per-customer limits raised:
#   ORDER_MAX_OPEN_ORDERS=100000000 ORDER_MAX_RESERVED_UNITS=100000000 deploy/local/up
# Usage: bench/pipeline/run.sh [spread|hot] [connections] [seconds]
# JFR=1 also records order-service and catalog-service (jcmd JFR.start, profile settings) to .local/jfr/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MIX="${1:-spread}" CONNS="${2:-8}" SECS="${3:-40}"
RUN="$ROOT/.local/run"
psql_db() { runuser -u postgres -- psql -qAtX -d "$1" -c "$2"; }

TOKEN="$(curl -sf -d grant_type=password -d client_id=shop-web -d username=alice -d password=alice \
  http://localhost:8180/realms/shop/protocol/openid-connect/token | jq -r .access_token)"
# products that order-service can price (its read model of shop.products), with plenty of stock
ALL_IDS="$(psql_db orders "select product_id from product_price order by product_id limit 40" | paste -sd,)"
psql_db catalog "update stock set on_hand = 100000000 where on_hand < 1000000" >/dev/null
if [ "$MIX" = hot ]; then PRODUCTS="${ALL_IDS%%,*}"; else PRODUCTS="$ALL_IDS"; fi
export TOKEN PRODUCTS

cpu_ticks() { # sum of utime+stime (clock ticks) of every process up started, plus PostgreSQL and Redis
  local total=0 pid f
  for f in "$RUN"/*.pid; do
    pid="$(cat "$f")"; [ -r "/proc/$pid/stat" ] || continue
    for p in $pid $(pgrep -P "$pid" || true); do
      total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) ))
    done
  done
  for p in $(pgrep -x postgres || true) $(pgrep -x redis-server || true); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
per_process() { # name ticks per component
  local f; for f in "$RUN"/*.pid; do
    local pid; pid="$(cat "$f")"; [ -r "/proc/$pid/stat" ] || continue
    local t=0 p; for p in $pid $(pgrep -P "$pid" || true); do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done
    echo "$(basename "$f" .pid) $t"
  done
  local t=0 p; for p in $(pgrep -x postgres || true); do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo "postgresql $t"
}

if [ "${JFR:-0}" = 1 ]; then
  mkdir -p "$ROOT/.local/jfr"
  for s in order-service catalog-service; do
    jcmd "$(cat "$RUN/$s.pid")" JFR.start name=pipe settings=profile filename="$ROOT/.local/jfr/$s.jfr" >/dev/null
  done
fi

echo "load before: $(uptime)"
START="$(psql_db orders "select now()")"
before="$(cpu_ticks)"; per_process > /tmp/pipe-cpu-before
wrk -t2 -c"$CONNS" -d"${SECS}s" -s "$ROOT/bench/pipeline/order.lua" http://localhost:8083 | sed 's/^/  wrk: /'
END="$(psql_db orders "select now()")"
# let the saga drain (at most 90 s)
for _ in $(seq 1 90); do
  open="$(psql_db orders "select count(*) from customer_order where created_at >= '$START' and status in ('PENDING','STOCK_RESERVED','PAID')")"
  [ "$open" = 0 ] && break; sleep 1
done
after="$(cpu_ticks)"; per_process > /tmp/pipe-cpu-after
echo "load after: $(uptime)"

hz="$(getconf CLK_TCK)"
psql_db orders "
with o as (select id, status, cancel_reason, created_at from customer_order where created_at >= '$START' and created_at < '$END'),
     c as (select o.id, extract(epoch from (t.at - o.created_at)) * 1000 as ms, t.at
             from o join order_transition t on t.order_id = o.id and t.to_status = 'CONFIRMED')
select 'placed', count(*), round(count(*) / extract(epoch from (timestamptz '$END' - timestamptz '$START'))::numeric, 1) from o
union all select 'confirmed', count(*), round(count(*) / extract(epoch from (timestamptz '$END' - timestamptz '$START'))::numeric, 1) from c
union all select 'cancelled ' || coalesce(cancel_reason, '?'), count(*), null from o where status = 'CANCELLED' group by cancel_reason
union all select 'still open', count(*), null from o where status in ('PENDING','STOCK_RESERVED','PAID')
union all select 'p50 ms', round(percentile_cont(0.5) within group (order by ms)::numeric), null from c
union all select 'p99 ms', round(percentile_cont(0.99) within group (order by ms)::numeric), null from c
union all select 'drain s (last confirm - end)', round(extract(epoch from (max(at) - timestamptz '$END'))::numeric, 1), null from c" \
  | awk -F'|' '{ printf "  %-30s %8s %s\n", $1, $2, ($3 == "" ? "" : $3 "/s") }'
confirmed="$(psql_db orders "select count(*) from customer_order o join order_transition t on t.order_id = o.id and t.to_status = 'CONFIRMED' where o.created_at >= '$START' and o.created_at < '$END'")"
if [ "$confirmed" -gt 0 ]; then
  awk -v hz="$hz" -v n="$confirmed" 'NR==FNR { b[$1] = $2; next } { d = ($2 - b[$1]) * 1000 / hz; tot += d; printf "  cpu %-22s %7.2f ms/order\n", $1, d / n } END { printf "  cpu %-22s %7.2f ms/order (all processes)\n", "TOTAL", tot / n }' \
    /tmp/pipe-cpu-before /tmp/pipe-cpu-after
  echo "  total ticks incl. redis: $(( (after - before) * 1000 / hz / confirmed )) ms/order"
fi
if [ "${JFR:-0}" = 1 ]; then
  for s in order-service catalog-service; do jcmd "$(cat "$RUN/$s.pid")" JFR.stop name=pipe >/dev/null; done
  echo "  JFR: $ROOT/.local/jfr/{order-service,catalog-service}.jfr"
fi
