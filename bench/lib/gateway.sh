# Sourced by the benchmarks: starts our gateway jar as a benchmark target in front of one backend,
# with every feature on (JWT validation, blocklist, Redis token-bucket rate limit, circuit breaker,
# bulkhead, time limit, retry, tracing, access log) and the rate-limit tiers raised so that a
# benchmark measures the gateway's cost, not its refusals.
#   bench_gateway_start <backend-url> <port> <work-dir>    (sets BENCH_GW_PID)
#   bench_gateway_stop
# Needs Redis on :6379 and the gateway jar (./mvnw -q -o -pl gateway package -DskipTests).
# Env: GATEWAY_JAVA_OPTS (default: the options deploy/local/up gives the gateway, from
# deploy/local/jvm.sh, so the benchmark measures what users run), BENCH_TRACING_EXPORT (default false: spans are created
# and propagated, but not shipped to a Zipkin sharing the same two cores).

. deploy/lib/jdk.sh   # shop_pick_jdk: the JDK >= 21 that ./mvnw and deploy/local use
. deploy/local/jvm.sh # service_java_opts: the JVM options deploy/local/up starts the gateway with

bench_gateway_start() { # backend port work-dir
  local backend=$1 port=$2 work=$3 jar java
  jar=$(ls gateway/target/gateway-*.jar 2>/dev/null | grep -v plain | head -1 || true)
  [[ -n "$jar" ]] || { echo "build the gateway first: ./mvnw -q -o -pl gateway package -DskipTests" >&2; return 1; }
  shop_pick_jdk || return 1
  java="$JAVA_HOME/bin/java"
  SERVER_PORT=$port CATALOG_SERVICE_URL=$backend USER_SERVICE_URL=$backend ORDER_SERVICE_URL=$backend \
  PAYMENT_SERVICE_URL=$backend NOTIFICATION_SERVICE_URL=$backend \
  RATE_LIMIT_ANONYMOUS_RATE=1000000 RATE_LIMIT_ANONYMOUS_BURST=2000000 \
  RATE_LIMIT_CUSTOMER_RATE=1000000 RATE_LIMIT_CUSTOMER_BURST=2000000 \
  TRACING_EXPORT_ENABLED=${BENCH_TRACING_EXPORT:-false} LOG_FORMAT= \
    "$java" ${GATEWAY_JAVA_OPTS:-$(service_java_opts gateway)} ${BENCH_GW_EXTRA_OPTS:-} -jar "$jar" > "$work/gateway.log" 2>&1 &
  BENCH_GW_PID=$!
  local i
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health" 2>/dev/null && return 0
    sleep 1
  done
  echo "gateway did not start:" >&2; tail -30 "$work/gateway.log" >&2; return 1
}

bench_gateway_stop() {
  [[ -n "${BENCH_GW_PID:-}" ]] && kill "$BENCH_GW_PID" 2>/dev/null && wait "$BENCH_GW_PID" 2>/dev/null || true
  BENCH_GW_PID=
}
