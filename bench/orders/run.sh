#!/usr/bin/env bash
# The purchase benchmark: orders placed through the gateway of the running local platform
# (deploy/local/up), every feature on, by many shoppers with real Keycloak tokens; then what the
# pipeline made of them, read from order-service's own database. docs/performance.md, section
# "Purchase benchmark", explains every figure.
#
# Usage:  bench/orders/run.sh                          (closed model, spread products, 60 s)
#         MODEL=open RATE=100 bench/orders/run.sh       (fixed arrival rate, Gatling)
#         MIX=hot bench/orders/run.sh                   (one hot product: a flash sale)
#         DURATION=10s MODEL=open RATE=20 USERS=20 PRODUCTS=20 PGBENCH_SECONDS=3 bench/orders/run.sh
#                                                       (the quick self-check, well under 2 minutes)
# Env knobs (defaults in brackets):
#   MODEL        closed | open [closed]. closed: wrk, CONNECTIONS connections, each as fast as it
#                goes. open: Gatling's constantUsersPerSec(RATE) for DURATION (bench/orders/pom.xml).
#   MIX          spread | hot [spread]. spread: each order takes one of PRODUCTS products at random;
#                hot: every order takes the same product.
#   DURATION     load window, e.g. 60s or 60 [60s]
#   CONNECTIONS  closed model: connections [16];  THREADS: wrk threads [2]
#   RATE         open model: orders per second [100]
#   USERS        shoppers (Keycloak users bench-shopper-NNNN, password pw-bench-shopper-NNNN,
#                created once, reused) [200]
#   PRODUCTS     products of the spread mix (SKU bench-spread-NNNN, created once, reused) [200]
#   STOCK        stock every bench product is kept at or above before a run [1000000]
#   DRAIN_MAX    seconds to wait after the window until every order of the run is terminal [180]
#   PGBENCH_SECONDS  length of the pgbench -N ceiling run after the load [10]
#   RAISE_TIERS  1: if the platform's gateway does not run with raised rate-limit tiers, restart
#                only the gateway with them (as bench/lib/gateway.sh raises them) [1]
#   GATEWAY [http://localhost:8080]  KEYCLOAK [http://localhost:8180]
# Needs: the platform up (deploy/local/up), wrk (apt-get install -y wrk), psql and pgbench
# (Debian postgresql), jq, curl; the open model downloads Gatling once (./mvnw -f bench/orders/pom.xml).
# Output: bench/orders/results/<UTC>.md and one summary line on stdout (prefixed "bench/orders:").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
. deploy/local/lib.sh
. deploy/lib/jdk.sh
set -a; . deploy/local/dev.env; set +a

MODEL=${MODEL:-closed}
MIX=${MIX:-spread}
DURATION=${DURATION:-60s}
SECONDS_LOAD=${DURATION%s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
RATE=${RATE:-100}
USERS=${USERS:-200}
PRODUCTS=${PRODUCTS:-200}
STOCK=${STOCK:-1000000}
DRAIN_MAX=${DRAIN_MAX:-180}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-10}
RAISE_TIERS=${RAISE_TIERS:-1}
GATEWAY=${GATEWAY:-http://localhost:8080}
KEYCLOAK=${KEYCLOAK:-http://localhost:8180}
REALM_URL="$KEYCLOAK/realms/shop"
RUN_ID="bench-$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS=bench/orders/results
WORK=$(mktemp -d "/tmp/bench-orders.XXXXXX")
mkdir -p "$RESULTS"
case "$MODEL" in closed | open) ;; *) die "MODEL must be closed or open" ;; esac
case "$MIX" in spread | hot) ;; *) die "MIX must be spread or hot" ;; esac
[[ "$SECONDS_LOAD" =~ ^[0-9]+$ ]] || die "DURATION must be seconds, e.g. 60s"

log() { printf '[bench/orders] %s\n' "$*" >&2; }
for tool in curl jq psql pgbench; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[[ "$MODEL" == open ]] || command -v wrk >/dev/null || die "wrk is missing: apt-get install -y wrk"

REFRESHER=
cleanup() { [[ -n "$REFRESHER" ]] && { pkill -P "$REFRESHER" 2>/dev/null; kill "$REFRESHER" 2>/dev/null; } || true; }
trap cleanup EXIT

# ---------------------------------------------------------------- the platform, as it runs
for c in gateway order-service catalog-service payment-service keycloak; do
  live_pid "$c" >/dev/null || die "$c is not running (from this work tree's deploy/local/up): start the platform first"
done
orders_sql() { PGPASSWORD="$ORDER_DB_PASSWORD" psql -h 127.0.0.1 -U order_service -d orders -XAtq -v ON_ERROR_STOP=1 -c "$1"; }
orders_sql 'select 1' >/dev/null || die "cannot read order-service's database"

# The gateway's rate-limit tiers raised, as bench/lib/gateway.sh does, so the benchmark measures the
# pipeline, not the per-shopper limit (it stays on: a Redis token bucket per shopper on every call).
RAISED=(RATE_LIMIT_ANONYMOUS_RATE=1000000 RATE_LIMIT_ANONYMOUS_BURST=2000000
  RATE_LIMIT_CUSTOMER_RATE=1000000 RATE_LIMIT_CUSTOMER_BURST=2000000)
tiers_raised() { tr '\0' '\n' < "/proc/$(live_pid gateway)/environ" | grep -qx 'RATE_LIMIT_CUSTOMER_RATE=1000000'; }
if ! tiers_raised; then
  [[ "$RAISE_TIERS" == 1 ]] || die "the gateway runs with the shipped rate-limit tiers (RAISE_TIERS=1 restarts it raised)"
  log "restarting only the gateway with raised rate-limit tiers"
  deploy/local/down gateway >&2
  env "${RAISED[@]}" SHOP_LOCAL_BUILD=never deploy/local/up >"$WORK/up.log" 2>&1 || { tail -20 "$WORK/up.log" >&2; die "deploy/local/up failed"; }
  tiers_raised || die "the gateway still runs without raised tiers"
fi

# ---------------------------------------------------------------- shoppers and their tokens
kc_admin_token() {
  curl -fsS -d grant_type=client_credentials -d client_id=shop-user-admin -d "client_secret=$KEYCLOAK_ADMIN_CLIENT_SECRET" \
    "$REALM_URL/protocol/openid-connect/token" | jq -r .access_token
}
shopper() { printf 'bench-shopper-%04d' "$1"; }
ensure_shoppers() {
  local admin role i name code location id created=0
  admin=$(kc_admin_token)
  role=$(curl -fsS -H "Authorization: Bearer $admin" "$KEYCLOAK/admin/realms/shop/roles/customer")
  for i in $(seq 1 "$USERS"); do
    name=$(shopper "$i")
    code=$(curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' "$KEYCLOAK/admin/realms/shop/users" -d "$(jq -n --arg u "$name" '{
        username: $u, enabled: true, firstName: "Bench", lastName: $u, email: ($u + "@bench.prodev.test"),
        emailVerified: true, credentials: [{type: "password", value: ("pw-" + $u), temporary: false}]}')")
    case "$code" in
      201)
        location=$(tr -d '\r' < "$WORK/headers" | sed -n 's/^[Ll]ocation: //p'); id=${location##*/}
        curl -fsS -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
          "$KEYCLOAK/admin/realms/shop/users/$id/role-mappings/realm" -d "[$role]"
        created=$((created + 1)) ;;
      409) ;;
      *) die "creating shopper $name: HTTP $code $(cat "$WORK/body")" ;;
    esac
  done
  log "shoppers: $USERS ($created new)"
}
fetch_tokens() { # -> tokens file (atomically replaced), one access token a line, shopper i on line i
  local out="$WORK/tokens.txt" tmp="$WORK/tokens.tmp"
  seq 1 "$USERS" | xargs -P 4 -I{} bash -c '
    name=$(printf "bench-shopper-%04d" {})
    curl -fsS -d grant_type=password -d client_id=shop-web -d "username=$name" -d "password=pw-$name" \
      "$0/protocol/openid-connect/token" | jq -r .access_token > "$1/token-{}"' "$REALM_URL" "$WORK"
  : > "$tmp"
  local i
  for i in $(seq 1 "$USERS"); do
    [[ -s "$WORK/token-$i" ]] || die "no token for $(shopper "$i")"
    cat "$WORK/token-$i" >> "$tmp"
  done
  mv "$tmp" "$out"
}
ensure_shoppers
fetch_tokens
TOKEN_LIFETIME=$(head -1 "$WORK/tokens.txt" | jq -Rr 'split(".")[1] | gsub("-"; "+") | gsub("_"; "/") | @base64d | fromjson | .exp - .iat' 2>/dev/null || true)
[[ "$TOKEN_LIFETIME" =~ ^[0-9]+$ ]] || TOKEN_LIFETIME=900
# Tokens live TOKEN_LIFETIME seconds (900 in the dev realm): when the run could outlive them, a
# background loop fetches fresh ones a minute before they expire; both generators re-read the file.
if (( SECONDS_LOAD + DRAIN_MAX + 60 > TOKEN_LIFETIME )); then
  (while sleep $((TOKEN_LIFETIME - 60)); do fetch_tokens 2>/dev/null || true; done) & REFRESHER=$!
fi

# ---------------------------------------------------------------- products with ample stock
ADMIN_TOKEN=$(curl -fsS -d grant_type=password -d client_id=shop-web -d username=admin -d password=admin \
  "$REALM_URL/protocol/openid-connect/token" | jq -r .access_token)
admin_api() { curl -sS -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' "$@"; }
ensure_product() { # sku -> product id; creates it or tops its stock up to STOCK
  local sku=$1 body id available
  body=$(admin_api -f "$GATEWAY/api/v1/products/sku/$sku" 2>/dev/null || true)
  id=$(jq -r '.id // empty' <<<"$body" 2>/dev/null || true)
  if [[ -z "$id" ]]; then
    body=$(admin_api -f "$GATEWAY/api/v1/products" -d "$(jq -n --arg s "$sku" --argjson stock "$STOCK" '{
      sku: $s, name: ("Bench " + $s), description: "bench/orders", price: {amount: 10.00, currency: "ETB"},
      initialStock: $stock}')") || die "creating product $sku failed"
    id=$(jq -r .id <<<"$body")
  else
    available=$(admin_api -f "$GATEWAY/api/v1/products/$id/stock" | jq -r .available)
    if (( available < STOCK )); then
      admin_api -f -o /dev/null "$GATEWAY/api/v1/products/$id/stock/adjustments" \
        -d "{\"delta\": $(( STOCK - available > 1000000 ? 1000000 : STOCK - available )), \"reason\": \"bench/orders top-up\"}" \
        || die "topping up $sku failed"
    fi
  fi
  echo "$id"
}
: > "$WORK/products.txt"
if [[ "$MIX" == hot ]]; then
  ensure_product bench-hot >> "$WORK/products.txt"
else
  for i in $(seq 1 "$PRODUCTS"); do ensure_product "$(printf 'bench-spread-%04d' "$i")" >> "$WORK/products.txt"; done
fi
N_PRODUCTS=$(wc -l < "$WORK/products.txt")
# order-service prices lines from its read model of shop.products: wait until it knows them all
ids_sql=$(sed "s/.*/'&'/" "$WORK/products.txt" | paste -sd,)
for _ in $(seq 1 120); do
  [[ $(orders_sql "select count(*) from product_price where product_id in ($ids_sql) and status = 'ACTIVE'") -eq "$N_PRODUCTS" ]] && break
  sleep 1
done
log "products: $N_PRODUCTS ($MIX), stock >= $STOCK each"

# ---------------------------------------------------------------- CPU of every platform process
HZ=$(getconf CLK_TCK)
ticks_of() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0; }
tree_ticks() { # pid -> ticks of it and all its descendants
  local sum p
  sum=$(ticks_of "$1"); sum=${sum:-0}
  for p in $(pgrep -P "$1" 2>/dev/null || true); do sum=$((sum + $(tree_ticks "$p"))); done
  echo "$sum"
}
pg_ticks() { # the PostgreSQL server's own processes plus the backends of the platform's databases
  local pm sum=0 pid args        # (other engineers' test databases share the server: not counted)
  pm=$(ss -ltnpH 'sport = :5432' 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [[ -n "$pm" ]] || { echo 0; return; }
  sum=$(ticks_of "$pm")
  while read -r pid args; do
    if [[ "$args" =~ (user|catalog|order|payment|notification)_service\ (users|catalog|orders|payments|notifications)\  ]] \
      || [[ "$args" =~ (checkpointer|background\ writer|walwriter|autovacuum\ launcher|logical\ replication) ]]; then
      sum=$((sum + $(ticks_of "$pid")))
    fi
  done < <(ps -o pid=,args= --ppid "$pm")
  echo "$sum"
}
redis_pid() { pgrep -f "^redis-server [^ ]*:$1( |\$)" 2>/dev/null | head -1 || true; }
PROCS=(postgresql redis redis-cache)
for entry in "${COMPONENTS[@]}"; do PROCS+=("${entry%%:*}"); done
snapshot() { # -> "name ticks" lines
  local name pid
  for name in "${PROCS[@]}"; do
    case "$name" in
      postgresql) echo "$name $(pg_ticks)" ;;
      redis) pid=$(redis_pid "${REDIS_PORT:-6379}"); echo "$name $([[ -n "$pid" ]] && ticks_of "$pid" || echo 0)" ;;
      redis-cache) pid=$(redis_pid "${CACHE_REDIS_PORT:-6380}"); echo "$name $([[ -n "$pid" ]] && ticks_of "$pid" || echo 0)" ;;
      *) if pid=$(live_pid "$name"); then echo "$name $(tree_ticks "$pid")"; else echo "$name 0"; fi ;;
    esac
  done
}

# ---------------------------------------------------------------- the load
if [[ "$MODEL" == open ]]; then
  shop_pick_jdk >/dev/null
  ./mvnw -B -ntp -q -o -f bench/orders/pom.xml test-compile >"$WORK/gatling-build.log" 2>&1 \
    || ./mvnw -B -ntp -q -f bench/orders/pom.xml test-compile >"$WORK/gatling-build.log" 2>&1 \
    || { tail -20 "$WORK/gatling-build.log" >&2; die "building the Gatling simulation failed"; }
fi
UPTIME_BEFORE=$(uptime)
orders_sql "select count(*) from customer_order where status in ('PENDING','STOCK_RESERVED','PAID')" > "$WORK/open-before"
log "load: $MODEL, $MIX, $DURATION, run id $RUN_ID"
if [[ "$MODEL" == closed ]]; then
  GEN_DESC="wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_LOAD}s -s bench/orders/closed.lua (closed model)"
  snapshot > "$WORK/cpu-before"; T_START=$(date -u +%FT%T.%NZ)
  BENCH_RUN_ID=$RUN_ID BENCH_TOKENS=$WORK/tokens.txt BENCH_PRODUCTS=$WORK/products.txt BENCH_STATUS=$WORK/status.txt \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" --timeout 30s --latency -s bench/orders/closed.lua \
    "$GATEWAY/api/v1/orders" > "$WORK/generator.txt" 2>&1 &
  GEN=$!
else
  GEN_DESC="Gatling constantUsersPerSec($RATE) during ${SECONDS_LOAD}s, shared connections (open model)"
  ./mvnw -B -ntp -q -o -f bench/orders/pom.xml io.gatling:gatling-maven-plugin:4.20.6:test -Dbench.baseUrl="$GATEWAY" -Dbench.rate="$RATE" \
    -Dbench.seconds="$SECONDS_LOAD" -Dbench.tokens="$WORK/tokens.txt" -Dbench.products="$WORK/products.txt" \
    -Dbench.runId="$RUN_ID" -Dbench.statusFile="$WORK/status.txt" -Dbench.startedFile="$WORK/started" \
    > "$WORK/generator.txt" 2>&1 &
  GEN=$!
  # Maven and Gatling take a while to start: the window (and the CPU snapshot) begins when
  # Gatling starts injecting, not when Maven starts
  while [[ ! -s "$WORK/started" ]] && kill -0 "$GEN" 2>/dev/null; do sleep 0.2; done
  snapshot > "$WORK/cpu-before"; T_START=$(date -u +%FT%T.%NZ)
fi
wait "$GEN" || log "the generator exited with $? (see $WORK/generator.txt)"
T_END=$(date -u -d "$T_START + $SECONDS_LOAD seconds" +%FT%T.%NZ)
[[ -s "$WORK/status.txt" ]] || { tail -30 "$WORK/generator.txt" >&2; die "the generator wrote no status counts"; }

# ---------------------------------------------------------------- drain
RUN_ORDERS="select o.* from customer_order o join idempotency_key k on k.order_id = o.id
  where k.idempotency_key like '$RUN_ID-%'"
open_orders() { orders_sql "select count(*) from ($RUN_ORDERS) r where status in ('PENDING','STOCK_RESERVED','PAID')"; }
drain_start=$(date +%s)
while :; do
  left=$(open_orders)
  (( left == 0 )) && break
  (( $(date +%s) - drain_start >= DRAIN_MAX )) && { log "drain bound reached: $left orders of the run still open"; break; }
  sleep 1
done
DRAIN_SECONDS=$(( $(date +%s) - drain_start ))
T_DRAINED=$(date -u +%FT%T.%NZ)
snapshot > "$WORK/cpu-after"
UPTIME_AFTER=$(uptime)

# ---------------------------------------------------------------- what the pipeline made of it
stats=$(orders_sql "
  with r as ($RUN_ORDERS),
  c as (select r.id, r.created_at, t.at as confirmed_at from r
        join order_transition t on t.order_id = r.id and t.to_status = 'CONFIRMED')
  select (select count(*) from r),
         (select count(*) from c),
         (select count(*) from r where status = 'CANCELLED'),
         (select count(*) from r where status in ('PENDING','STOCK_RESERVED','PAID')),
         coalesce((select extract(epoch from max(created_at) - min(created_at)) from r), 0),
         coalesce((select extract(epoch from max(c.confirmed_at) - (select min(created_at) from r)) from c), 0),
         (select count(*) from c where confirmed_at <= '$T_END'),
         coalesce((select round(1000 * percentile_cont(0.50) within group (order by extract(epoch from confirmed_at - created_at)))::int from c), 0),
         coalesce((select round(1000 * percentile_cont(0.95) within group (order by extract(epoch from confirmed_at - created_at)))::int from c), 0),
         coalesce((select round(1000 * percentile_cont(0.99) within group (order by extract(epoch from confirmed_at - created_at)))::int from c), 0),
         coalesce((select round(1000 * max(extract(epoch from confirmed_at - created_at)))::int from c), 0)" | tr '|' ' ')
read -r PLACED CONFIRMED CANCELLED STILL_OPEN PLACE_SPAN CONFIRM_SPAN CONFIRMED_IN_WINDOW P50 P95 P99 PMAX <<<"$stats"
CANCEL_REASONS=$(orders_sql "select coalesce(cancel_reason, '(none)') || ' ' || count(*) from ($RUN_ORDERS) r
  where status = 'CANCELLED' group by coalesce(cancel_reason, '(none)') order by count(*) desc" || true)
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", n / s; else print "-" }'; }
PLACED_PER_S=$(rate "$PLACED" "$PLACE_SPAN")
CONFIRMED_PER_S=$(rate "$CONFIRMED" "$CONFIRM_SPAN")
CONFIRMED_IN_WINDOW_PER_S=$(rate "$CONFIRMED_IN_WINDOW" "$SECONDS_LOAD")

# generator status counts
status_count() { awk -v p="$1" '$1 ~ p { s += $2 } END { print s + 0 }' "$WORK/status.txt"; }
S2XX=$(status_count '^2'); S429=$(status_count '^429'); S503=$(status_count '^503')
SOTHER=$(awk '$1 !~ /^(2|429|503)/ { s += $2 } END { print s + 0 }' "$WORK/status.txt")
SENT=$(awk '{ s += $2 } END { print s + 0 }' "$WORK/status.txt")

# CPU per confirmed order, per process
cpu_table=$(join <(sort "$WORK/cpu-before") <(sort "$WORK/cpu-after") | awk -v hz="$HZ" -v n="$CONFIRMED" '
  { d = ($3 - $2) * 1000 / hz; total += d; row[$1] = d }
  END {
    for (p in row) printf "%s %.0f %s\n", p, row[p], (n > 0 ? sprintf("%.2f", row[p] / n) : "-")
    printf "TOTAL %.0f %s\n", total, (n > 0 ? sprintf("%.2f", total / n) : "-")
  }' | sort -k2,2nr)
CPU_TOTAL_PER_ORDER=$(awk '$1 == "TOTAL" { print $3 }' <<<"$cpu_table")

# memory after the run
deploy/local/status > "$WORK/status-after.txt" 2>&1 || true
RSS_TOTAL=$(awk '$1 == "TOTAL" { print $2 }' "$WORK/status-after.txt")

# ---------------------------------------------------------------- PostgreSQL's ceiling, same run
pg() { runuser -u postgres -- "$@"; }
pg psql -XAtq -c "select 1 from pg_database where datname = 'bench_pgbench'" | grep -q 1 || pg createdb bench_pgbench
pg pgbench -q -i -s 10 bench_pgbench > "$WORK/pgbench-init.txt" 2>&1
pg pgbench -N -c 8 -j 2 -T "$PGBENCH_SECONDS" bench_pgbench > "$WORK/pgbench.txt" 2>&1 || true
PGBENCH_TPS=$(awk '/^tps/ { printf "%.0f", $3 }' "$WORK/pgbench.txt")
UPTIME_AFTER_PGBENCH=$(uptime)

# ---------------------------------------------------------------- report
OUT="$RESULTS/${RUN_ID#bench-}-$MODEL-$MIX.md"
{
  echo "# Purchase benchmark $RUN_ID"
  echo
  echo "- command: \`MODEL=$MODEL MIX=$MIX DURATION=${SECONDS_LOAD}s CONNECTIONS=$CONNECTIONS THREADS=$THREADS RATE=$RATE USERS=$USERS PRODUCTS=$PRODUCTS bench/orders/run.sh\`"
  echo "- code: $(git rev-parse --short HEAD) ($(git status --porcelain | grep -qv '^??' && echo 'with local changes' || echo clean))"
  echo "- generator: $GEN_DESC, POST $GATEWAY/api/v1/orders, one line (quantity 1) per order, own Idempotency-Key each"
  echo "- shoppers: $USERS Keycloak users (password grant, client shop-web; tokens live ${TOKEN_LIFETIME} s), JWT validated by the gateway and order-service; gateway tiers raised (${RAISED[*]})"
  echo "- products: $N_PRODUCTS ($MIX), price 10.00 ETB, stock >= $STOCK each"
  echo "- window: $T_START .. $T_END; drain: ${DRAIN_SECONDS} s (bound $DRAIN_MAX s), until $T_DRAINED"
  echo "- machine: $(nproc) cores; uptime before: \`${UPTIME_BEFORE# }\`; after the drain: \`${UPTIME_AFTER# }\`"
  echo "- other orders still open on the platform before the run: $(cat "$WORK/open-before")"
  echo
  echo "## Throughput and latency (order-service's database, this run's orders only)"
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| requests sent | $SENT |"
  echo "| orders placed (rows) | $PLACED |"
  echo "| placed/s (placed / first..last placement, ${PLACE_SPAN%.*} s) | **$PLACED_PER_S** |"
  echo "| confirmed | $CONFIRMED |"
  echo "| confirmed/s (confirmed / first placement..last confirmation, ${CONFIRM_SPAN%.*} s) | **$CONFIRMED_PER_S** |"
  echo "| confirmed inside the window / window | $CONFIRMED_IN_WINDOW / $SECONDS_LOAD s = $CONFIRMED_IN_WINDOW_PER_S/s |"
  echo "| cancelled | $CANCELLED |"
  echo "| still open after the drain | $STILL_OPEN |"
  echo "| placed->confirmed p50 / p95 / p99 / max | $P50 / $P95 / $P99 / $PMAX ms |"
  echo
  echo "Cancellations by reason:"
  echo
  if [[ -n "$CANCEL_REASONS" ]]; then sed 's/^\(.*\) \([0-9]*\)$/- \1: \2/' <<<"$CANCEL_REASONS"; else echo "- none"; fi
  echo
  echo "## Answers seen by the generator"
  echo
  echo "2xx $S2XX, 429 $S429, 503 $S503, other $SOTHER (socket errors count as \`error\`):"
  echo
  sort "$WORK/status.txt" | sed 's/^/- /'
  echo
  echo "## CPU per confirmed order (utime+stime from /proc, window start .. drain end)"
  echo
  echo "| process | CPU ms | ms per confirmed order |"
  echo "|---|---|---|"
  awk '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' <<<"$cpu_table"
  echo
  echo "PostgreSQL: the server's own processes plus the backends of the five service databases (other"
  echo "databases on the shared server are not counted). The load generator is not counted."
  echo
  echo "## After the run"
  echo
  echo "- platform RSS (deploy/local/status): **${RSS_TOTAL:-?} MiB**"
  echo "- PostgreSQL ceiling, \`pgbench -N -c 8 -j 2 -T $PGBENCH_SECONDS\` (scale 10, scratch database bench_pgbench), right after the drain: **${PGBENCH_TPS:-?} TPS**"
  echo "- uptime after pgbench: \`${UPTIME_AFTER_PGBENCH# }\`"
  echo
  echo '```'
  cat "$WORK/status-after.txt"
  echo '```'
  echo
  echo "Generator output (tail):"
  echo
  echo '```'
  tail -25 "$WORK/generator.txt"
  echo '```'
} > "$OUT"
echo "bench/orders: $MODEL $MIX ${SECONDS_LOAD}s placed/s=$PLACED_PER_S confirmed/s=$CONFIRMED_PER_S p50/p95/p99=${P50}/${P95}/${P99}ms cancelled=$CANCELLED open=$STILL_OPEN 2xx=$S2XX 429=$S429 503=$S503 other=$SOTHER cpu/order=${CPU_TOTAL_PER_ORDER}ms rss=${RSS_TOTAL:-?}MiB pgbench=${PGBENCH_TPS:-?}tps load=$(cut -d' ' -f1-3 /proc/loadavg) report=$OUT"
