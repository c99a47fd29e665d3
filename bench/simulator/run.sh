#!/usr/bin/env bash
# Measures the standalone simulator on loopback: GET /connect, GET /servers/{id} and a
# POST /servers loop, each bounded in time. Starts the jar, and always stops it again.
#   mvn -o -q -DskipTests package && bench/simulator/run.sh
# Environment: JAR (target/vfbridge.jar), PORT (18090), THREADS (2), CONNECTIONS (16),
# WARMUP (30s per warm-up run; the JIT needs a minute on 2 cores), DURATION (15s).
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=${JAR:-target/vfbridge.jar}
port=${PORT:-18090}
threads=${THREADS:-2}
connections=${CONNECTIONS:-16}
warmup=${WARMUP:-30s}
duration=${DURATION:-15s}
base="http://localhost:${port}"
auth="Authorization: Bearer sim-token"

command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)" >&2; exit 1; }
[ -f "$jar" ] || { echo "$jar is missing: mvn -o -q -DskipTests package" >&2; exit 1; }

log=$(mktemp)
java -jar "$jar" --spring.profiles.active=simulator --server.port="$port" \
  --vfbridge.simulator.seed=bench/simulator/seed.yaml >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 120); do
  curl -fs -H "$auth" "$base/api/v1/connect" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done

# A fresh panel with user 1 owning server 1.
fixtures() {
  curl -fs -X POST "$base/_admin/reset" -H "$auth" >/dev/null
  curl -fs -H "$auth" -H 'Content-Type: application/json' \
    -d '{"name": "Bench", "email": "bench@example.com", "extRelationId": 1}' "$base/api/v1/users" >/dev/null
  curl -fs -H "$auth" -H 'Content-Type: application/json' \
    -d '{"packageId": 1, "userId": 1, "hypervisorId": 1}' "$base/api/v1/servers" >/dev/null
}

echo "== JVM: $(java -version 2>&1 | head -1); cores: $(nproc)"
fixtures
echo "== warm-up: 2 x $warmup, not reported"
wrk -t"$threads" -c"$connections" -d"$warmup" -H "$auth" "$base/api/v1/servers/1" >/dev/null
wrk -t"$threads" -c"$connections" -d"$warmup" -s bench/simulator/create-servers.lua "$base" >/dev/null
fixtures

echo "== GET /api/v1/connect"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$auth" "$base/api/v1/connect"

echo "== GET /api/v1/servers/1 (full server object, about 3.5 KB)"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$auth" "$base/api/v1/servers/1"

echo "== POST /api/v1/servers"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/simulator/create-servers.lua "$base"

echo "== simulator counters"
curl -fs "$base/_admin/stats" -H "$auth" | python3 -c '
import json, sys
stats = json.load(sys.stdin)
print("servers:", stats["servers"]["total"], "| POST /servers:", stats["calls"].get("POST /servers"))'
