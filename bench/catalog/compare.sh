#!/usr/bin/env bash
# Catalog reads directly and through the gateway, in one run on one machine: bench/catalog/run.sh
# against catalog-service (default :8082), then against our gateway started in front of it
# (bench/lib/gateway.sh: every gateway feature on, rate-limit tiers raised so nothing is refused;
# calls are anonymous, as shoppers browse). Results: bench/results/catalog-compare-<UTC time>/.
# Needs what run.sh needs (the 100k seed, wrk, psql, redis-cli) and the gateway jar.
# Env: BACKEND (http://127.0.0.1:8082), GW_PORT (18081), plus run.sh's DURATION, WARMUP, CONNECTIONS.
set -euo pipefail
cd "$(dirname "$0")/../.."
BACKEND=${BACKEND:-http://127.0.0.1:8082}
GW_PORT=${GW_PORT:-18081}
OUT_ROOT=bench/results/catalog-compare-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT_ROOT"
. bench/lib/gateway.sh
trap bench_gateway_stop EXIT
SERVICE_PID=${SERVICE_PID:-$(ss -ltnpH "sport = :${BACKEND##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)}
export SERVICE_PID

echo "== direct: $BACKEND"
OUT="$OUT_ROOT/direct" bench/catalog/run.sh "$BACKEND"

bench_gateway_start "$BACKEND" "$GW_PORT" "$OUT_ROOT"
echo "== through the gateway: http://127.0.0.1:$GW_PORT (pid $BENCH_GW_PID)"
# the backend's CPU per request is reported as before; the gateway's own CPU is reported separately
GW_T0=$(awk '{print $14+$15}' "/proc/$BENCH_GW_PID/stat")
PROXY_PID=$BENCH_GW_PID OUT="$OUT_ROOT/gateway" bench/catalog/run.sh "http://127.0.0.1:$GW_PORT"
GW_T1=$(awk '{print $14+$15}' "/proc/$BENCH_GW_PID/stat")
echo "gateway CPU over its whole run (warm-up included): $(( (GW_T1 - GW_T0) * 1000 / $(getconf CLK_TCK) )) ms" \
  | tee -a "$OUT_ROOT/gateway/summary.txt"
echo "results in $OUT_ROOT"
