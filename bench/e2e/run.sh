#!/usr/bin/env bash
# End-to-end provisioning throughput against its theoretical bound.
#
# Starts the standalone simulator (every call delayed by LATENCY_MS) and vfbridge against a fresh
# database on the PostgreSQL at 127.0.0.1:5432, sends N signed service.create events (one customer
# each), and waits until every operation has finished. Prints:
#   throughput      creates completed per second (first job started -> last operation finished)
#   calls/create    VirtFusion calls per create, from the simulator's counters
#   bound           WORKERS / (calls/create x LATENCY): what WORKERS busy workers can do at best
#   ratio           throughput / bound (goal: >= 0.9 at LATENCY_MS=100)
#   duplicates      servers beyond one per customer (must be 0), and operations not succeeded
# Loopback only; bounded by TIMEOUT_SECONDS (and READY_SECONDS, 300, for each start); stops everything it started. JDBC_OPTIONS is appended
# to vfbridge's JDBC URL (e.g. "&options=-c%20synchronous_commit%3Doff" to see what commits cost).
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-200}
WORKERS=${WORKERS:-16}
LATENCY_MS=${LATENCY_MS:-100}
TIMEOUT_SECONDS=${TIMEOUT_SECONDS:-600}
SIM_PORT=${SIM_PORT:-18090}
APP_PORT=${APP_PORT:-18080}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
db="vfbridge_e2e_$(date +%Y%m%d%H%M%S)"
work=$(mktemp -d)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -h 127.0.0.1 -U postgres -d postgres -qAtc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -f target/vfbridge.jar ] || mvn -B -q -DskipTests package
psql -h 127.0.0.1 -U postgres -d postgres -qAtc "CREATE DATABASE $db"

secret="whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
key_hex=$(printf %s "${secret#whsec_}" | base64 -d | xxd -p -c 256)

"$JAVA" -jar target/vfbridge.jar --spring.profiles.active=simulator --server.port="$SIM_PORT" \
  --vfbridge.simulator.build-time=1s --vfbridge.simulator.time-scale=1 \
  "--vfbridge.simulator.seed=$PWD/bench/simulator/seed.yaml" \
  --logging.level.root=warn >"$work/simulator.log" 2>&1 &
pids+=($!)
"$JAVA" -jar target/vfbridge.jar --server.port="$APP_PORT" \
  "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$db?user=postgres${JDBC_OPTIONS:-}" \
  --vfbridge.simulator.enabled=false \
  "--vfbridge.virtfusion.panels.default.base-url=http://127.0.0.1:$SIM_PORT/api/v1" \
  --vfbridge.virtfusion.panels.default.token=sim-token \
  --vfbridge.virtfusion.panels.default.rate-limit.limit-for-period=100000 \
  --vfbridge.virtfusion.panels.default.bulkhead.max-concurrent-calls=$((WORKERS * 2)) \
  --vfbridge.jobs.workers="$WORKERS" --vfbridge.jobs.poll-interval=200ms \
  --vfbridge.provisioning.build-poll-interval=500ms \
  "--vfbridge.billing.webhook-secrets[0]=$secret" \
  --logging.level.root=warn >"$work/vfbridge.log" 2>&1 &
pids+=($!)

wait_for() { # url
  for _ in $(seq 1 "${READY_SECONDS:-300}"); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "e2e: $1 did not come up"; tail -30 "$work"/*.log; exit 1
}
wait_for "http://127.0.0.1:$SIM_PORT/_admin/stats"
wait_for "http://127.0.0.1:$APP_PORT/actuator/health/readiness"

curl -fs -X POST "http://127.0.0.1:$SIM_PORT/_admin/faults" -H 'Content-Type: application/json' \
  -d "{\"method\":\"*\",\"path\":\"*\",\"kind\":\"latency\",\"latency\":$LATENCY_MS}" >/dev/null
calls_before=$(curl -fs "http://127.0.0.1:$SIM_PORT/_admin/stats" | sed -n 's/.*"totalCalls":\([0-9]*\).*/\1/p')

base=$(( $(date +%s) % 100000 * 1000 ))
started=$(date +%s.%N)
# 16 parallel senders, so sending is never what limits the run
python3 - "$N" "$base" "$secret" "$APP_PORT" <<'PY'
import base64, hashlib, hmac, http.client, json, sys, time
from concurrent.futures import ThreadPoolExecutor
n, base, secret, port = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
key = base64.b64decode(secret[len("whsec_"):])
def send(i):
    customer = base + i
    body = json.dumps({"type": "service.create", "timestamp": "2026-11-26T10:00:00Z", "data": {
        "customer": {"id": str(customer), "email": f"c{customer}@example.com", "name": f"Customer {customer}"},
        "service": {"id": f"e2e-{customer}", "packageId": 1, "hypervisorGroupId": 1, "osTemplateId": 1,
                    "hostname": f"e2e-{customer}.example.com"}}}, separators=(",", ":"))
    msg_id, ts = f"msg_e2e_{customer}", str(int(time.time()))
    sig = base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.{body}".encode(), hashlib.sha256).digest()).decode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("POST", "/v1/events", body, {"Content-Type": "application/json", "webhook-id": msg_id,
                                              "webhook-timestamp": ts, "webhook-signature": "v1," + sig})
    status = conn.getresponse().status
    conn.close()
    return status
with ThreadPoolExecutor(16) as pool:
    statuses = list(pool.map(send, range(1, n + 1)))
bad = [s for s in statuses if s != 202]
if bad:
    sys.exit(f"e2e: {len(bad)} events were not accepted: {sorted(set(bad))}")
PY
sent=$(date +%s.%N)

deadline=$(( $(date +%s) + TIMEOUT_SECONDS ))
while :; do
  open=$(psql -h 127.0.0.1 -U postgres -d "$db" -qAtc "select count(*) from job where status in ('queued','running')")
  [ "$open" = 0 ] && break
  [ "$(date +%s)" -lt "$deadline" ] || { echo "e2e: $open operations still open after ${TIMEOUT_SECONDS}s"; exit 1; }
  sleep 0.5
done
finished=$(psql -h 127.0.0.1 -U postgres -d "$db" -qAtc "select extract(epoch from max(finished_at)) from job")
first_start=$(psql -h 127.0.0.1 -U postgres -d "$db" -qAtc "select extract(epoch from min(started_at)) from job")
succeeded=$(psql -h 127.0.0.1 -U postgres -d "$db" -qAtc "select count(*) from job where status = 'succeeded'")

stats=$(curl -fs "http://127.0.0.1:$SIM_PORT/_admin/stats")
calls_after=$(printf %s "$stats" | sed -n 's/.*"totalCalls":\([0-9]*\).*/\1/p')
owners=$(printf %s "$stats" | sed -n 's/.*"byOwnerExtRelationId":{\([^}]*\)}.*/\1/p')
servers=$(printf %s "$owners" | tr ',' '\n' | grep -c ':' || true)
duplicates=$(printf %s "$owners" | tr ',' '\n' | awk -F: '$2 > 1 {d += $2 - 1} END {print d + 0}')

python3 - "$N" "$WORKERS" "$LATENCY_MS" "$started" "$sent" "$finished" "$calls_before" "$calls_after" \
  "$succeeded" "$servers" "$duplicates" "$first_start" <<'PY'
import sys
n, workers, latency_ms = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
started, sent, finished = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
calls = int(sys.argv[8]) - int(sys.argv[7])
succeeded, servers, duplicates = int(sys.argv[9]), int(sys.argv[10]), int(sys.argv[11])
first_start = float(sys.argv[12])
elapsed = finished - first_start
throughput = n / elapsed
per_create = calls / n
bound = workers / (per_create * latency_ms / 1000.0)
print(f"creates            {n} (sent in {sent - started:.1f} s)")
print(f"workers            {workers}")
print(f"latency per call   {latency_ms} ms")
print(f"elapsed            {elapsed:.1f} s  (first job started -> last finished; {finished - started:.1f} s from the first event sent)")
print(f"throughput         {throughput:.2f} creates/s")
print(f"calls/create       {per_create:.2f}")
print(f"bound              {bound:.2f} creates/s  (workers / (calls/create x latency))")
print(f"ratio              {throughput / bound:.2f}")
print(f"succeeded          {succeeded} of {n}")
print(f"servers            {servers} customers with a server")
print(f"duplicates         {duplicates}")
sys.exit(0 if duplicates == 0 and succeeded == n and servers == n else 1)
PY
