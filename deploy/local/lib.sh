# Shared by deploy/local/up, down, status and logs (sourced, not run).
# State lives under .local/ (git-ignored):
#   .local/run/<component>.pid   pid of a process up started (the only processes down stops)
#   .local/run/<component>.log   path of that process's log file (in the run folder it was started in)
#   .local/logs/<timestamp>/     one folder per 'up' run; .local/logs/latest points at the newest
#   .local/dist/                 downloaded distributions (Kafka jars, Zipkin, Keycloak, GreenMail)
#   .local/kafka, .local/keycloak  broker data and Keycloak's build/import markers
# Every process we start carries SHOP_LOCAL_COMPONENT=<name> in its environment (and its JVM
# -Dshop.local.component=<name>), so a recorded pid is only trusted while /proc (or ps) still
# shows that marker: a pid reused by another program after a crash is never signalled.

LOCAL_HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_HERE/../.." && pwd)"
STATE="$ROOT/.local"
RUN="$STATE/run"
DIST="$STATE/dist"
mkdir -p "$RUN" "$DIST"

# Kafka's and GreenMail's versions are the poms' (deploy/lib/versions.sh): written once, for the build and for us
. "$ROOT/deploy/lib/versions.sh"
KAFKA_VERSION="$(shop_pom_property "$LOCAL_HERE/kafka/pom.xml" kafka.version)"
ZIPKIN_VERSION=3.6.1
KEYCLOAK_VERSION=26.7.3
GREENMAIL_VERSION="$(shop_pom_property "$ROOT/pom.xml" greenmail.version)"

KAFKA_HOME="$DIST/kafka-$KAFKA_VERSION"
ZIPKIN_JAR="$DIST/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"
KEYCLOAK_HOME="$DIST/keycloak/keycloak-$KEYCLOAK_VERSION"
GREENMAIL_JAR="$DIST/greenmail/greenmail-standalone-$GREENMAIL_VERSION.jar"

# component:port, in start order (down goes backwards). Ports are the contract's (docs/local-platform.md).
COMPONENTS=(kafka:9092 zipkin:9411 keycloak:8180 greenmail:3025 prometheus:9090
  user-service:8081 catalog-service:8082 order-service:8083 payment-service:8084 notification-service:8085
  gateway:8080)
# started only when wanted (SHOP_LOCAL_PROMETHEUS, see up): 'status' shows them OFF, not as a failure
OPTIONAL_COMPONENTS=(prometheus)
SERVICES=(user-service catalog-service order-service payment-service notification-service gateway)
GREENMAIL_API_PORT=8086
KEYCLOAK_MANAGEMENT_PORT=9190

say() { printf '[local] %s\n' "$*"; }
warn() { printf '[local] WARNING: %s\n' "$*" >&2; }
die() { printf '[local] ERROR: %s\n' "$*" >&2; exit 1; }

port_of() { local c; for c in "${COMPONENTS[@]}"; do [ "${c%%:*}" = "$1" ] && { echo "${c##*:}"; return; }; done; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_code() { # url -> HTTP status code, 000 when nothing answers
  curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true
}

cmdline_of() { # pid -> command line (Linux /proc; ps elsewhere)
  if [ -r "/proc/$1/cmdline" ]; then tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null
  else ps -o command= -p "$1" 2>/dev/null; fi
}

# Prints the pid of a live process up started for component $1; fails (and removes a stale pid
# file) otherwise.
live_pid() {
  local file="$RUN/$1.pid" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    if [ -r "/proc/$pid/environ" ]; then
      if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "SHOP_LOCAL_COMPONENT=$1"; then echo "$pid"; return 0; fi
    elif cmdline_of "$pid" | grep -q -- "-Dshop.local.component=$1 "; then
      echo "$pid"; return 0
    fi
  fi
  rm -f "$file"
  return 1
}

rss_kib() { # pid -> resident set size in KiB of the process and its children (kc.sh runs java as a child)
  local v child sum=0
  v="$(awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || true)"
  [ -n "$v" ] || v="$(ps -o rss= -p "$1" 2>/dev/null | tr -d ' ' || true)"
  sum=${v:-0}
  for child in $(pgrep -P "$1" 2>/dev/null || true); do sum=$((sum + $(rss_kib "$child"))); done
  echo "$sum"
}

pss_kib() { # pid -> proportional set size in KiB (falls back to RSS)
  local v
  v="$(awk '/^Pss:/ {print $2; exit}' "/proc/$1/smaps_rollup" 2>/dev/null || true)"
  echo "${v:-$(rss_kib "$1")}"
}

health_url() { # component -> URL whose 200 means healthy ('' = port check only)
  case "$1" in
    kafka) echo "" ;;
    zipkin) echo "http://127.0.0.1:9411/health" ;;
    keycloak) echo "http://localhost:8180/realms/shop/.well-known/openid-configuration" ;;
    greenmail) echo "http://127.0.0.1:$GREENMAIL_API_PORT/api/service/readiness" ;;
    prometheus) echo "http://127.0.0.1:9090/-/ready" ;;
    *) echo "http://127.0.0.1:$(port_of "$1")/actuator/health/readiness" ;;
  esac
}

healthy() { # component -> 0 when it answers as healthy
  local url; url="$(health_url "$1")"
  if [ -z "$url" ]; then port_open "$(port_of "$1")"; else [ "$(http_code "$url")" = 200 ]; fi
}

optional() { [[ " ${OPTIONAL_COMPONENTS[*]} " == *" $1 "* ]]; }

# Prometheus (Debian package) with deploy/observability/prometheus.yml:
#   SHOP_LOCAL_PROMETHEUS=auto (default) starts it when the prometheus binary is installed,
#   on installs it with apt-get when missing, off never starts it.
prometheus_wanted() {
  case "${SHOP_LOCAL_PROMETHEUS:-auto}" in
    off|0|false|no) return 1 ;;
    on|1|true|yes) return 0 ;;
    *) command -v prometheus >/dev/null 2>&1 ;;
  esac
}
