#!/usr/bin/env bash
# Requests/s and p99 of one public GET: direct to the service, through nginx, through our gateway.
# One run, one machine, same wrk settings for all three. Results: bench/gateway/results/<UTC time>.md
#
# Needs: a running service to read from (default catalog-service on :8082, e.g. from deploy/local/up),
#        Redis on :6379, wrk and nginx (apt-get install -y nginx wrk), the gateway jar
#        (./mvnw -q -o -pl gateway package -DskipTests). Keycloak on :8180 is optional: with it the
#        calls carry alice's real token, so the gateway validates a JWT on every request.
# Usage:  bench/gateway/run.sh            (env: BACKEND, BENCH_PATH, DURATION, CONNECTIONS, THREADS)
set -euo pipefail
cd "$(dirname "$0")/../.."

BACKEND=${BACKEND:-http://127.0.0.1:8082}
BENCH_PATH=${BENCH_PATH:-/api/v1/categories}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
GW_PORT=${GW_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18090}
KEYCLOAK=${KEYCLOAK:-http://localhost:8180}
WORK=$(mktemp -d /tmp/bench-gateway.XXXXXX)
RESULTS=bench/gateway/results
mkdir -p "$RESULTS"

JAVA=${JAVA:-}
if [[ -z "$JAVA" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*-2[1-9]*/bin/java; do
    [[ -x "$candidate" ]] && { JAVA=$candidate; break; }
  done
fi
JAR=$(ls gateway/target/gateway-*.jar 2>/dev/null | grep -v plain | head -1 || true)
[[ -n "$JAR" ]] || { echo "build the gateway first: ./mvnw -q -o -pl gateway package -DskipTests" >&2; exit 1; }
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

# the gateway with everything on: JWT validation, Redis rate limit (tier raised so the benchmark
# measures cost, not refusals), circuit breaker + retry, tracing (sampled; exported only if Zipkin runs)
ZIPKIN_UP=false; curl -fsS -o /dev/null http://localhost:9411/health 2>/dev/null && ZIPKIN_UP=true
SERVER_PORT=$GW_PORT CATALOG_SERVICE_URL=$BACKEND USER_SERVICE_URL=$BACKEND ORDER_SERVICE_URL=$BACKEND \
PAYMENT_SERVICE_URL=$BACKEND NOTIFICATION_SERVICE_URL=$BACKEND \
RATE_LIMIT_ANONYMOUS_RATE=1000000 RATE_LIMIT_ANONYMOUS_BURST=2000000 \
RATE_LIMIT_CUSTOMER_RATE=1000000 RATE_LIMIT_CUSTOMER_BURST=2000000 \
TRACING_EXPORT_ENABLED=$ZIPKIN_UP LOG_FORMAT= \
  "$JAVA" -Xmx256m -jar "$JAR" > "$WORK/gateway.log" 2>&1 & GW_PID=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://127.0.0.1:$GW_PORT/actuator/health" 2>/dev/null && break
  sleep 1
done
curl -fsS -o /dev/null "http://127.0.0.1:$GW_PORT/actuator/health" || { echo "gateway did not start:"; tail -30 "$WORK/gateway.log"; exit 1; }

AUTH=()
TOKEN=$(curl -fsS -d grant_type=password -d client_id=shop-web -d username=alice -d password=alice \
  "$KEYCLOAK/realms/shop/protocol/openid-connect/token" 2>/dev/null | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' || true)
[[ -n "$TOKEN" ]] && AUTH=(-H "Authorization: Bearer $TOKEN")

run() { # name url
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "${AUTH[@]}" "$2" > /dev/null           # warm-up (JIT, pools)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${AUTH[@]}" "$2" > "$WORK/$1.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/$1.txt"); non2xx=${non2xx:-0}
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$non2xx"
}

OUT="$RESULTS/$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Gateway benchmark $(date -u +%FT%TZ)"
  echo
  echo "GET $BENCH_PATH, wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a 5 s warm-up each), token: $([[ -n "$TOKEN" ]] && echo "alice's Keycloak JWT" || echo none)"
  echo "machine: $(nproc) cores, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| path | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  run direct "$BACKEND$BENCH_PATH"
  run nginx "http://127.0.0.1:$NGINX_PORT$BENCH_PATH"
  run gateway "http://127.0.0.1:$GW_PORT$BENCH_PATH"
} | tee "$OUT"
for raw in direct nginx gateway; do cp "$WORK/$raw.txt" "${OUT%.md}-$raw.txt" 2>/dev/null || true; done
echo "raw wrk output and logs: $WORK"
