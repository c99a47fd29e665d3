#!/usr/bin/env bash
# Starts the packaged jar in its local default (embedded PostgreSQL, built-in simulator) in a
# throwaway working directory, checks it end to end, and stops it. Bounded: gives up after 120 s.
set -euo pipefail
jar=$(realpath "${1:-target/vfbridge.jar}")
port=${SMOKE_PORT:-18181}
workdir=$(mktemp -d)
log="$workdir/vfbridge.log"
pid=""

stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" && wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap stop EXIT

(cd "$workdir" && exec java -jar "$jar" --server.port="$port") >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "smoke: vfbridge exited during start-up"; tail -50 "$log"; exit 1
  fi
  sleep 1
done

fail() { echo "smoke: $1"; tail -50 "$log"; exit 1; }

curl -fs "http://127.0.0.1:$port/actuator/health/readiness" | grep -q '"UP"' || fail "not ready within 120 s"
grep -q "NOT FOR PRODUCTION" "$log" || fail "the local default did not say it is not for production"
[ -f "$workdir/.vfbridge/postgres/PG_VERSION" ] || fail "the embedded database is not under ./.vfbridge"
if [ -f bench/smoke/local-default.d/checks.sh ]; then
  # shellcheck source=/dev/null
  . bench/smoke/local-default.d/checks.sh
fi
echo "smoke: local default run OK (port $port)"
