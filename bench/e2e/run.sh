#!/usr/bin/env bash
# End-to-end provisioning throughput against its theoretical bound.
#
# Starts the standalone simulator (every call delayed by LATENCY_MS) and vfbridge against a fresh
# database on the PostgreSQL at 127.0.0.1:5432, sends N signed service.create events (one customer
# each) after WARMUP unmeasured ones, and waits until every operation has finished. Prints:
#   throughput      creates completed per second (first job started -> last operation finished)
#   calls/create    VirtFusion calls per create, from the simulator's counters
#   bound           WORKERS / (calls/create x LATENCY): what WORKERS busy workers can do at best
#   ratio           throughput / bound (goal: >= 0.9 at LATENCY_MS=100)
#   CPU             vfbridge's and the simulator's CPU time per create, and the ceiling the machine's
#                   cores put on throughput at that cost (when it is below the bound, CPU is the limit)
#   duplicates      servers beyond one per customer (must be 0), and operations not succeeded
# The hourly usage sync and reconciliation are off: a sync over a thousand services would hold a worker
# for minutes in the middle of the measurement. Only service.create operations are measured.
# Loopback only; bounded by TIMEOUT_SECONDS (and READY_SECONDS, 300, for each start); stops everything
# it started. JDBC_OPTIONS is appended to vfbridge's JDBC URL (e.g.
# "&options=-c%20synchronous_commit%3Doff" to see what commits cost).
# APP_JVM_OPTS go to vfbridge's JVM (e.g. "-XX:StartFlightRecording=filename=/tmp/e2e.jfr" to profile).
set -euo pipefail
cd "$(dirname "$0")/../.."

N=${N:-1000}
WORKERS=${WORKERS:-8}
LATENCY_MS=${LATENCY_MS:-100}
WARMUP=${WARMUP:-100}
TIMEOUT_SECONDS=${TIMEOUT_SECONDS:-600}
SIM_PORT=${SIM_PORT:-18090}
APP_PORT=${APP_PORT:-18080}
. bench/lib.sh
bench_init
db="vfbridge_e2e_$(date +%Y%m%d%H%M%S)"
work=$bench_work

[ -f target/vfbridge.jar ] || mvn -B -q -DskipTests package
bench_fresh_db "$db"

secret=$(bench_new_secret)
# an operator key of this run only, to read the metrics
ops_key="e2e-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
ops_sha=$(printf %s "$ops_key" | sha256sum | cut -d' ' -f1)

bench_start_simulator simulator "$SIM_PORT" "$work/simulator.log"
bench_start vfbridge "$work/vfbridge.log" "$JAVA" ${APP_JVM_OPTS:-} -jar target/vfbridge.jar --server.port="$APP_PORT" \
  "--spring.datasource.url=$(bench_jdbc_url "$db")${JDBC_OPTIONS:-}" \
  --vfbridge.simulator.enabled=false \
  "--vfbridge.virtfusion.panels.default.base-url=http://127.0.0.1:$SIM_PORT/api/v1" \
  --vfbridge.virtfusion.panels.default.token=sim-token \
  --vfbridge.virtfusion.panels.default.rate-limit.limit-for-period=100000 \
  --vfbridge.virtfusion.panels.default.bulkhead.max-concurrent-calls=$((WORKERS * 2)) \
  --vfbridge.jobs.workers="$WORKERS" --vfbridge.jobs.poll-interval=200ms \
  --vfbridge.provisioning.build-poll-interval=500ms \
  --vfbridge.usage.enabled=false --vfbridge.reconciliation.enabled=false \
  "--vfbridge.billing.webhook-secrets[0]=$secret" \
  "--vfbridge.security.api-keys.bench.sha256=$ops_sha" "--vfbridge.security.api-keys.bench.roles[0]=operator" \
  --logging.level.root=warn

bench_wait_for "http://127.0.0.1:$SIM_PORT/_admin/stats" "${READY_SECONDS:-300}" "$work"/*.log
bench_wait_for "http://127.0.0.1:$APP_PORT/actuator/health/readiness" "${READY_SECONDS:-300}" "$work"/*.log

bench_sim_faults "$SIM_PORT" "{\"method\":\"*\",\"path\":\"*\",\"kind\":\"latency\",\"latency\":$LATENCY_MS}"
# Sends $1 signed service.create events for customers $2+1 .. $2+$1, 16 at a time (so sending is never
# what limits the run)
cat >"$work/send.py" <<'PY'
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
send_creates() { python3 "$work/send.py" "$1" "$2" "$secret" "$APP_PORT"; }
psql_app() { bench_sql "$db" "$1"; }
drain() {
  local deadline=$(( $(date +%s) + TIMEOUT_SECONDS )) open
  while :; do
    open=$(psql_app "select count(*) from job where status in ('queued','running')")
    [ "$open" = 0 ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || { echo "e2e: $open operations still open after ${TIMEOUT_SECONDS}s"; exit 1; }
    sleep 0.5
  done
}
# CPU seconds a process has used so far (user + system), from /proc
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }

base=$(( $(date +%s) % 100000 * 1000 ))
if [ "$WARMUP" -gt 0 ]; then
  # the same work first, unmeasured, so the JIT compiler and the pools are warm
  send_creates "$WARMUP" "$((base + N))"
  drain
fi
mark=$(psql_app "select now()")
calls_before=$(bench_sim_total_calls "$SIM_PORT")
commits() { psql_app "select xact_commit from pg_stat_database where datname = current_database()"; }
commits_before=$(commits)
# seconds spent in create runs and in VirtFusion calls so far, from the Prometheus endpoint
metric_sum() {
  curl -fs -H "Authorization: Bearer $ops_key" "http://127.0.0.1:$APP_PORT/actuator/prometheus" |
    awk -v name="$1" -v filter="$2" 'index($0, name "{") == 1 && index($0, filter) {s += $NF} END {printf "%.6f\n", s}'
}
# calls per operation so far: "operation count" lines
calls_by_operation() {
  curl -fs -H "Authorization: Bearer $ops_key" "http://127.0.0.1:$APP_PORT/actuator/prometheus" |
    awk 'index($0, "vfbridge_virtfusion_calls_seconds_count{") == 1 {
           match($0, /operation="[^"]*"/); op = substr($0, RSTART + 11, RLENGTH - 12); n[op] += $NF }
         END {for (op in n) print op, n[op]}' | sort
}
runs_before=$(metric_sum vfbridge_jobs_duration_seconds_sum 'type="service.create"')
calls_by_operation >"$work/calls-before.txt"
calls_time_before=$(metric_sum vfbridge_virtfusion_calls_seconds_sum '')
app_cpu_before=$(cpu_seconds "${bench_pids[vfbridge]}")
sim_cpu_before=$(cpu_seconds "${bench_pids[simulator]}")
started=$(date +%s.%N)
send_creates "$N" "$base"
sent=$(date +%s.%N)
drain
commits_after=$(commits)
runs_after=$(metric_sum vfbridge_jobs_duration_seconds_sum 'type="service.create"')
calls_by_operation >"$work/calls-after.txt"
echo "VirtFusion calls during the measurement, by operation:"
join -a2 "$work/calls-before.txt" "$work/calls-after.txt" | awk '{d = (NF == 3) ? $3 - $2 : $2; if (d > 0) printf "  %-28s %d\n", $1, d}'
others=$(psql_app "select coalesce(string_agg(type || ' ' || n, ', '), 'none') from (select type, count(*) n from job
  where type <> 'service.create' and (created_at >= '$mark' or finished_at >= '$mark') group by type) t")
echo "other jobs during the measurement: $others"
calls_time_after=$(metric_sum vfbridge_virtfusion_calls_seconds_sum '')
app_cpu_after=$(cpu_seconds "${bench_pids[vfbridge]}")
sim_cpu_after=$(cpu_seconds "${bench_pids[simulator]}")
measured="created_at >= '$mark' and type = 'service.create'"
finished=$(psql_app "select extract(epoch from max(finished_at)) from job where $measured")
first_start=$(psql_app "select extract(epoch from min(started_at)) from job where $measured")
succeeded=$(psql_app "select count(*) from job where status = 'succeeded' and $measured")

stats=$(curl -fs "http://127.0.0.1:$SIM_PORT/_admin/stats" -H "$BENCH_SIM_AUTH")
calls_after=$(bench_sim_total_calls "$SIM_PORT")
owners=$(printf %s "$stats" | sed -n 's/.*"byOwnerExtRelationId":{\([^}]*\)}.*/\1/p')
servers=$(printf %s "$owners" | tr ',' '\n' | grep -c ':' || true)
duplicates=$(printf %s "$owners" | tr ',' '\n' | awk -F: '$2 > 1 {d += $2 - 1} END {print d + 0}')

python3 - "$N" "$WORKERS" "$LATENCY_MS" "$started" "$sent" "$finished" "$calls_before" "$calls_after" \
  "$succeeded" "$servers" "$duplicates" "$first_start" \
  "$app_cpu_before" "$app_cpu_after" "$sim_cpu_before" "$sim_cpu_after" "$(nproc)" "$WARMUP" "$commits_before" "$commits_after" \
  "$runs_before" "$runs_after" "$calls_time_before" "$calls_time_after" <<'PY'
import sys
n, workers, latency_ms = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
started, sent, finished = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
calls = int(sys.argv[8]) - int(sys.argv[7])
succeeded, servers, duplicates = int(sys.argv[9]), int(sys.argv[10]), int(sys.argv[11])
first_start = float(sys.argv[12])
app_cpu = float(sys.argv[14]) - float(sys.argv[13])
sim_cpu = float(sys.argv[16]) - float(sys.argv[15])
cores = int(sys.argv[17])
warmup = int(sys.argv[18])
commits = int(sys.argv[20]) - int(sys.argv[19])
in_runs = float(sys.argv[22]) - float(sys.argv[21])
in_calls = float(sys.argv[24]) - float(sys.argv[23])
elapsed = finished - first_start
throughput = n / elapsed
per_create = calls / n
bound = workers / (per_create * latency_ms / 1000.0)
print(f"creates            {n} (sent in {sent - started:.1f} s; {warmup} more before, unmeasured, to warm up)")
print(f"workers            {workers}")
print(f"latency per call   {latency_ms} ms")
print(f"elapsed            {elapsed:.1f} s  (first job started -> last finished; {finished - started:.1f} s from the first event sent)")
print(f"throughput         {throughput:.2f} creates/s")
print(f"calls/create       {per_create:.2f}")
print(f"bound              {bound:.2f} creates/s  (workers / (calls/create x latency))")
print(f"ratio              {throughput / bound:.2f}")
print(f"vfbridge CPU       {app_cpu * 1000 / n:.1f} ms/create (intake included)")
print(f"simulator CPU      {sim_cpu * 1000 / n:.1f} ms/create")
print(f"CPU ceiling        {cores / ((app_cpu + sim_cpu) / n):.2f} creates/s  ({cores} cores / CPU of both per create;"
      " PostgreSQL and the sender not counted)")
print(f"transactions       {commits / n:.1f} per create (PostgreSQL commits in vfbridge's database, reads and the"
      " monitoring queries of this script included)")
occupied = workers * elapsed / n
print(f"worker time        {occupied * 1000:.0f} ms per create (workers x elapsed / creates), of which:")
print(f"  calls            {in_calls * 1000 / n:.0f} ms in VirtFusion calls ({(in_calls / n - per_create * latency_ms / 1000.0) * 1000:.0f} ms"
      " above the injected latency: the simulator, the client, loopback)")
print(f"  runs, not calls  {(in_runs - in_calls) * 1000 / n:.0f} ms in the handler between calls (PostgreSQL, JSON)")
print(f"  between runs     {(occupied - in_runs / n) * 1000:.0f} ms claiming, completing, and idle")
print(f"succeeded          {succeeded} of {n}")
print(f"servers            {servers} customers with a server (warm-up included)")
print(f"duplicates         {duplicates}")
sys.exit(0 if duplicates == 0 and succeeded == n and servers == n + warmup else 1)
PY
