# Sourced by deploy/local/up and .ci/run: the one way this repository installs Prometheus.
# shop_install_prometheus LOG: makes sure the Debian package 'prometheus' (which brings both the
# prometheus server and promtool) is installed, with apt-get (through sudo unless root); first
# without 'apt-get update', which is slow and mostly unneeded, then with it. apt-get's output goes
# to LOG. Returns 0 when prometheus and promtool are there, 2 when they are missing and there is no
# apt-get (macOS: brew install prometheus), 1 when installing failed.
shop_install_prometheus() {
  local log="${1:-/dev/null}" sudo=()
  if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || return 2
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  {
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus \
      || { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
           && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus; }
  } > "$log" 2>&1 || return 1
}
