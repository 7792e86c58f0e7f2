#!/usr/bin/env bash
# Catalog read benchmark: product list and get-by-id, cached and uncached, against a running
# catalog-service seeded with the 100k data set (see docs/performance.md, section "Catalog").
#   bench/catalog/run.sh [base-url]        default http://localhost:8082 (direct); compare.sh runs it
#                                          directly and through a gateway in one go
# Needs: wrk (apt-get install -y wrk), psql, redis-cli. Env: DURATION (15s), THREADS (2), CONNECTIONS (32),
# WARMUP (60s per path: the JIT needs tens of thousands of calls; on a loaded machine far longer),
# SERVICE_PID (optional: also report the service's CPU milliseconds per request, which depends far
# less on what else the machine is doing than requests/s do), PROXY_PID (optional: the same for a
# proxy in front of it, e.g. the gateway).
set -euo pipefail
BASE=${1:-http://localhost:8082}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-60s}
SERVICE_PID=${SERVICE_PID:-}
export THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/../results/catalog-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"
export PGPASSWORD=${CATALOG_DB_PASSWORD:-catalog_service_dev}
PSQL=(psql -h "${DB_HOST:-127.0.0.1}" -U catalog_service -d catalog -tA)
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 1; }

count=$("${PSQL[@]}" -c "select count(*) from product where sku like 'BENCH-%'")
[ "$count" -ge 100000 ] || { echo "seed the 100k data set first (catalog-service/src/main/resources/db/seed/catalog-100k.sql)" >&2; exit 1; }

"${PSQL[@]}" -c "select id from product where sku like 'BENCH-%' order by sku" > "$OUT/all-ids.txt"
head -n 1000 "$OUT/all-ids.txt" > "$OUT/hot-ids.txt"
"${PSQL[@]}" -c "select id from category where slug like 'bench-%' order by slug" > "$OUT/categories.txt"

flush_cache() { redis-cli -h "${REDIS_HOST:-127.0.0.1}" --scan --pattern 'catalog:*' | xargs -r -n 500 redis-cli -h "${REDIS_HOST:-127.0.0.1}" del >/dev/null; }

cpu_ticks() { [ -n "${1:-}" ] && awk '{print $14+$15}' "/proc/$1/stat" || echo 0; }
PROXY_PID=${PROXY_PID:-}

run() { # name, lua, extra env...
  local name=$1 lua=$2; shift 2
  echo "== $name" | tee -a "$OUT/summary.txt"
  local before proxy_before; before=$(cpu_ticks "$SERVICE_PID"); proxy_before=$(cpu_ticks "$PROXY_PID")
  env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/$lua" "$BASE" > "$OUT/$name.txt"
  local after proxy_after; after=$(cpu_ticks "$SERVICE_PID"); proxy_after=$(cpu_ticks "$PROXY_PID")
  grep -E "Requests/sec|Non-2xx|Socket errors" "$OUT/$name.txt" | tee -a "$OUT/summary.txt"
  grep -E "^ +(50|99)%" "$OUT/$name.txt" | tee -a "$OUT/summary.txt"
  if [ -n "$SERVICE_PID" ]; then
    local requests; requests=$(awk '/requests in/ {print $1}' "$OUT/$name.txt")
    awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
      'BEGIN { printf "  service CPU per request: %.2f ms\n", t * 1000 / hz / n }' | tee -a "$OUT/summary.txt"
  fi
  if [ -n "$PROXY_PID" ]; then
    local requests; requests=$(awk '/requests in/ {print $1}' "$OUT/$name.txt")
    awk -v t=$((proxy_after - proxy_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
      'BEGIN { printf "  gateway CPU per request: %.2f ms\n", t * 1000 / hz / n }' | tee -a "$OUT/summary.txt"
  fi
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/summary.txt"
# warm the JVM (JIT) on throw-away runs of every path (DB reads, cache hits, searches), then measure
echo "warming up: $WARMUP per path" | tee -a "$OUT/summary.txt"
IDS_FILE="$OUT/all-ids.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/get-by-id.lua" "$BASE" >/dev/null
IDS_FILE="$OUT/hot-ids.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/get-by-id.lua" "$BASE" >/dev/null
CATEGORIES_FILE="$OUT/categories.txt" MODE=distinct wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$HERE/list.lua" "$BASE" >/dev/null

flush_cache
run get-by-id-uncached get-by-id.lua IDS_FILE="$OUT/all-ids.txt"
IDS_FILE="$OUT/hot-ids.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$HERE/get-by-id.lua" "$BASE" >/dev/null
run get-by-id-cached get-by-id.lua IDS_FILE="$OUT/hot-ids.txt"

flush_cache
run list-uncached list.lua CATEGORIES_FILE="$OUT/categories.txt" MODE=distinct
run list-cached list.lua CATEGORIES_FILE="$OUT/categories.txt" MODE=same
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
echo "results in $OUT"
