#!/usr/bin/env bash
# Requests/s and p99 of one public GET: direct to the service, through nginx, through our gateway.
# One run, one machine, same wrk settings for all three. Results: bench/gateway/results/<UTC time>.md
#
# Needs: a running service to read from (default catalog-service on :8082, e.g. from deploy/local/up),
#        Redis on :6379, wrk and nginx (apt-get install -y nginx wrk), the gateway jar
#        (./mvnw -q -o -pl gateway package -DskipTests). Keycloak on :8180 is optional: with it the
#        calls carry alice's real token, so the gateway validates a JWT on every request.
# The gateway runs with the JVM options deploy/local/up gives it (deploy/local/jvm.sh), unless
# GATEWAY_JAVA_OPTS says otherwise; BENCH_GW_EXTRA_OPTS adds some (e.g. a JFR recording).
# Usage:  bench/gateway/run.sh            (env: BACKEND, BENCH_PATH, DURATION, WARMUP, CONNECTIONS,
#                                          THREADS, TARGETS="direct nginx gateway")
set -euo pipefail
cd "$(dirname "$0")/../.."

BACKEND=${BACKEND:-http://127.0.0.1:8082}
BENCH_PATH=${BENCH_PATH:-/api/v1/categories}
DURATION=${DURATION:-20s}
# The gateway's JIT needs minutes of traffic on 2 cores: measured after 60 s it still ran at half
# its later speed, so each target gets a long warm-up before its measured run.
WARMUP=${WARMUP:-120s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
TARGETS=${TARGETS:-direct nginx gateway}
GW_PORT=${GW_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18090}
KEYCLOAK=${KEYCLOAK:-http://localhost:8180}
WORK=$(mktemp -d /tmp/bench-gateway.XXXXXX)
RESULTS=bench/gateway/results
mkdir -p "$RESULTS"

. bench/lib/gateway.sh
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "apt-get install -y nginx wrk" >&2; exit 1; }
curl -fsS -o /dev/null "$BACKEND$BENCH_PATH" || { echo "backend $BACKEND$BENCH_PATH does not answer" >&2; exit 1; }

GW_PID= NGINX_PID=
cleanup() {
  [[ -n "$GW_PID" ]] && kill "$GW_PID" 2>/dev/null || true
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# nginx: plain reverse proxy with upstream keep-alive and an access log (the gateway logs too)
cat > "$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log $WORK/nginx-access.log;
  upstream backend { server ${BACKEND#http://}; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK" & NGINX_PID=$!

# the gateway with everything on (bench/lib/gateway.sh)
bench_gateway_start "$BACKEND" "$GW_PORT" "$WORK" || exit 1
GW_PID=$BENCH_GW_PID

# alice's token, fetched afresh before each target (it lives 15 min; an expired one would be refused
# and, repeated, get this IP temporarily blocked)
AUTH=() TOKEN=
login() {
  TOKEN=$(curl -fsS -d grant_type=password -d client_id=shop-web -d username=alice -d password=alice \
    "$KEYCLOAK/realms/shop/protocol/openid-connect/token" 2>/dev/null | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' || true)
  AUTH=(); [[ -n "$TOKEN" ]] && AUTH=(-H "Authorization: Bearer $TOKEN") || true
}
login

cpu_ticks() { # pid -> CPU ticks of the process and its children (nginx workers)
  local pid=$1 sum=0 p
  for p in "$pid" $(pgrep -P "$pid" 2>/dev/null); do sum=$((sum + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo "$sum"
}
BACKEND_PID=${BACKEND_PID:-$(ss -ltnpH "sport = :${BACKEND##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)}

run() { # name url proxy-pid
  login
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${AUTH[@]}" "$2" > /dev/null     # warm-up (JIT, pools)
  local p0 b0 p1 b1 n
  p0=$(cpu_ticks "${3:-0}"); b0=$(cpu_ticks "${BACKEND_PID:-0}")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${AUTH[@]}" "$2" > "$WORK/$1.txt"
  p1=$(cpu_ticks "${3:-0}"); b1=$(cpu_ticks "${BACKEND_PID:-0}")
  n=$(awk '/requests in/ {print $1}' "$WORK/$1.txt")
  local proxy_cpu backend_cpu
  proxy_cpu=$([[ -n "${3:-}" ]] && awk -v t=$((p1 - p0)) -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f ms", t * 1000 / hz / n }' || echo "-")
  backend_cpu=$([[ -n "${BACKEND_PID:-}" ]] && awk -v t=$((b1 - b0)) -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f ms", t * 1000 / hz / n }' || echo "-")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/$1.txt"); non2xx=${non2xx:-0}
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$non2xx" "$proxy_cpu" "$backend_cpu"
}

OUT="$RESULTS/$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Gateway benchmark $(date -u +%FT%TZ)"
  echo
  echo "GET $BENCH_PATH, wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up each), token: $([[ -n "$TOKEN" ]] && echo "alice's Keycloak JWT" || echo none)"
  echo "machine: $(nproc) cores, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "gateway JVM: ${GATEWAY_JAVA_OPTS:-$(service_java_opts gateway)} ${BENCH_GW_EXTRA_OPTS:-}"
  echo
  echo "| path | requests/s | p50 | p99 | non-2xx | proxy CPU/request | backend CPU/request |"
  echo "|---|---|---|---|---|---|---|"
  [[ " $TARGETS " == *" direct "* ]] && run direct "$BACKEND$BENCH_PATH"
  [[ " $TARGETS " == *" nginx "* ]] && run nginx "http://127.0.0.1:$NGINX_PORT$BENCH_PATH" "$NGINX_PID"
  [[ " $TARGETS " == *" gateway "* ]] && run gateway "http://127.0.0.1:$GW_PORT$BENCH_PATH" "$GW_PID"
  echo
  echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg); gateway RSS: $(awk '/VmRSS/ {print $2/1024 " MiB"}' "/proc/$GW_PID/status")"
} | tee "$OUT"
for raw in direct nginx gateway; do cp "$WORK/$raw.txt" "${OUT%.md}-$raw.txt" 2>/dev/null || true; done
echo "raw wrk output and logs: $WORK"
