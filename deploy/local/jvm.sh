# Sourced by deploy/local/up and bench/lib/gateway.sh: the one place that says which JVM options the
# six services run with, and how their JDK 25 AOT cache is built (docs/adr/0024).
#   service_java_opts <service>           prints the JVM options of that service
#   aot_prepare <service> <jar> <state>   extracts the jar and trains its AOT cache once per jar
#                                         (needs the service's environment: it refreshes the context)
#   aot_launch_args <service> <jar> <state>  prints "-XX:AOTCache=... -jar <extracted jar>" when a
#                                         cache for this very jar exists, else "-jar <jar>"
# Env: SHOP_SERVICE_JAVA_OPTS replaces the default options of every service; SHOP_LOCAL_AOT=off
# skips the AOT cache.

# Small heaps: the whole platform (about 11 JVMs) must stay under 3 GiB RSS. Serial GC: the
# smallest footprint, and pauses of a few ms at these heap sizes. C1 only (TieredStopAtLevel=1) for
# the services: it starts fastest and the saga is not CPU-bound in the JIT (issue #13: the full JIT
# did not raise the saturated order rate). docs/performance.md has the measurements.
SHOP_DEFAULT_SERVICE_JAVA_OPTS="-Xms64m -Xmx224m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=200m"
# The gateway gets the same: measured at load 45, C1 spent 1.41 ms of CPU per proxied request and
# the full tiered JIT 1.77 ms after a 150 s warm-up (C2 still compiling), with 32 MiB more RSS
# (docs/adr/0023). The case below is where a service would get options of its own.
SHOP_DEFAULT_GATEWAY_JAVA_OPTS="$SHOP_DEFAULT_SERVICE_JAVA_OPTS"

service_java_opts() { # service
  if [ -n "${SHOP_SERVICE_JAVA_OPTS:-}" ]; then echo "$SHOP_SERVICE_JAVA_OPTS"; return 0; fi
  case "$1" in
    gateway) echo "$SHOP_DEFAULT_GATEWAY_JAVA_OPTS" ;;
    *) echo "$SHOP_DEFAULT_SERVICE_JAVA_OPTS" ;;
  esac
}

aot_dir_of() { # service jar state -> directory of the extracted jar and its cache, keyed by the jar's
  # content and the JVM options (a cache made with other options would be rejected by the JVM)
  [ -f "$2" ] || return 1
  local sum; sum="$( (sha256sum < "$2"; service_java_opts "$1") | sha256sum | cut -c1-16)"
  echo "$3/aot/$1/$sum"
}

aot_enabled() { [ "${SHOP_LOCAL_AOT:-on}" != off ] && [ -f "$1" ]; }

aot_prepare() { # service jar state: extract, then a training run that refreshes the context and exits
  local s="$1" jar="$2" dir java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  aot_enabled "$jar" || return 0
  dir="$(aot_dir_of "$s" "$jar" "$3")"
  [ -f "$dir/app.aot" ] && return 0
  [ -f "$dir/failed" ] && return 0 # tried once for this jar: run without a cache
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  # Spring Boot's extracted layout (application jar + lib/): the AOT cache only holds classes of the
  # JDK's own class loaders, so the fat jar's nested jars must become real jars on the class path.
  if ! "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir.tmp/app" > "$dir.tmp/extract.log" 2>&1; then
    mkdir -p "$dir" && cp "$dir.tmp/extract.log" "$dir/failed"; rm -rf "$dir.tmp"; return 0
  fi
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
  # The training run: the context refreshes (beans, Flyway, Hibernate, JWT config) and the JVM exits
  # before the web server and the listeners start, writing the cache (JEP 514/515).
  # shellcheck disable=SC2046
  if ! (cd "$dir" && "$java" $(service_java_opts "$s") -XX:AOTCacheOutput="$dir/app.aot" \
      -Dspring.context.exit=onRefresh -jar "$dir/app/$(basename "$jar")" > "$dir/training.log" 2>&1) \
      || [ ! -f "$dir/app.aot" ]; then
    cp "$dir/training.log" "$dir/failed" 2>/dev/null || touch "$dir/failed"
  fi
  return 0
}

aot_launch_args() { # service jar state -> the arguments after the JVM options
  local dir
  if aot_enabled "$2"; then
    dir="$(aot_dir_of "$1" "$2" "$3")"
    if [ -f "$dir/app.aot" ]; then
      echo "-XX:AOTCache=$dir/app.aot -jar $dir/app/$(basename "$2")"
      return 0
    fi
  fi
  echo "-jar $2"
}
