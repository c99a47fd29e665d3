#!/usr/bin/env bash
# Scale-out over one PostgreSQL: 1 and then 3 vfbridge instances (the jar, production profile,
# configured through the environment as docker-compose and the Helm chart do) against a fresh
# database each (so the 3 instances also run Flyway at the same moment on an empty database) and
# the standalone simulator (a per-call latency, and a rate limit: a share of calls answered 429
# with Retry-After). The same signed workload — SERVICES creates, one in four then suspended and
# one in four terminated — goes round-robin to all instances. Prints per phase:
#   throughput      events completed per second (first job started -> last finished) and ratio 3:1
#   cpu             machine busy %, and CPU seconds per event of the vfbridge JVMs
#   audit           from the simulator's counters and the database: every service got exactly one
#                   server, every suspend/terminate reached VirtFusion once, every event was stored
#                   once and its job succeeded; the exit code is 1 when any check fails
# ROLLING=1: during the 3-instance load, restart each instance in turn (SIGTERM, wait, start) while
# events keep arriving; the audit then shows nothing was lost or duplicated.
# Loopback only (ports SIM_PORT and APP_PORT_BASE+1..3); bounded by TIMEOUT_SECONDS per phase;
# stops everything it started and drops its databases.
set -euo pipefail
cd "$(dirname "$0")/../.."

SERVICES=${SERVICES:-300}
INSTANCES=${INSTANCES:-"1 3"}
WORKERS=${WORKERS:-16}
LATENCY_MS=${LATENCY_MS:-50}
RATE_LIMITED=${RATE_LIMITED:-0.01}
ROLLING=${ROLLING:-0}
RATE=${RATE:-0}
TIMEOUT_SECONDS=${TIMEOUT_SECONDS:-900}
SIM_PORT=${SIM_PORT:-25090}
APP_PORT_BASE=${APP_PORT_BASE:-25100}
. bench/lib.sh
bench_init
work=$bench_work

[ -f target/vfbridge.jar ] || mvn -B -q -DskipTests package
secret=$(bench_new_secret)
encryption_key=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
stamp=$(date +%Y%m%d%H%M%S)

bench_start_simulator simulator "$SIM_PORT" "$work/simulator.log"
bench_wait_for "http://127.0.0.1:$SIM_PORT/_admin/stats" 180 "$work/simulator.log"

start_instance() { # number db
  local port=$((APP_PORT_BASE + $1))
  bench_start "vfbridge$1" "$work/vfbridge$1.log" env SPRING_PROFILES_ACTIVE=prod \
    SPRING_DATASOURCE_URL="$(bench_jdbc_url "$2")" \
    SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE=8 \
    VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_BASEURL="http://127.0.0.1:$SIM_PORT/api/v1" \
    VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_TOKEN=sim-token \
    VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_RATELIMIT_LIMITFORPERIOD=100000 \
    VFBRIDGE_VIRTFUSION_PANELS_DEFAULT_BULKHEAD_MAXCONCURRENTCALLS=$((WORKERS * 2)) \
    VFBRIDGE_BILLING_WEBHOOKSECRETS="$secret" \
    VFBRIDGE_SECURITY_ENCRYPTIONKEY="$encryption_key" \
    VFBRIDGE_JOBS_WORKERS="$WORKERS" VFBRIDGE_JOBS_POLLINTERVAL=200ms VFBRIDGE_JOBS_RETRY_INITIALDELAY=1s \
    VFBRIDGE_PROVISIONING_BUILDPOLLINTERVAL=500ms VFBRIDGE_PROVISIONING_TERMINATEPOLLINTERVAL=1s \
    LOGGING_LEVEL_ROOT=warn LOGGING_LEVEL_IO_VFBRIDGE_PROVISIONING_JOBENGINE=info \
    "$JAVA" -XX:MaxRAMPercentage=25 -jar target/vfbridge.jar --server.port="$port"
}

ready() { # number
  bench_wait_for "http://127.0.0.1:$((APP_PORT_BASE + $1))/actuator/health/readiness" "${READY_SECONDS:-600}" "$work/vfbridge$1.log"
}

jiffies() { # pid...: CPU time (user + system) of the processes, in clock ticks
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

machine() { # busy and total ticks of the whole machine
  awk '/^cpu /{print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat
}

report="$work/report.txt"
: >"$report"
base=$(( $(date +%s) % 10000 * 100000 ))
failed=0
for n in $INSTANCES; do
  db="vfbridge_scale_${stamp}_$n"
  bench_fresh_db "$db"
  # all instances at the same moment on an empty database: Flyway's advisory lock lets one migrate
  for i in $(seq 1 "$n"); do start_instance "$i" "$db"; done
  for i in $(seq 1 "$n"); do ready "$i"; done
  migrations=$(bench_sql "$db" "select count(*) || ' rows, ' || count(distinct version) || ' versions, ' || count(*) filter (where not success) || ' failed' from flyway_schema_history where version is not null")

  curl -fs -X POST "http://127.0.0.1:$SIM_PORT/_admin/reset" -H "$BENCH_SIM_AUTH" >/dev/null
  bench_sim_faults "$SIM_PORT" "[{\"method\":\"*\",\"path\":\"*\",\"kind\":\"latency\",\"latency\":$LATENCY_MS},
    {\"method\":\"*\",\"path\":\"*\",\"kind\":\"rate-limit\",\"probability\":$RATE_LIMITED,\"retryAfter\":1}]"
  ports=$(seq -s, $((APP_PORT_BASE + 1)) $((APP_PORT_BASE + n)))
  base=$((base + 10000))
  pids=()
  for i in $(seq 1 "$n"); do pids+=("${bench_pids[vfbridge$i]}"); done
  cpu_before=$(jiffies "${pids[@]}")
  read -r busy_before total_before < <(machine)
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)

  python3 bench/scale/workload.py --ports "$ports" --secret "$secret" --services "$SERVICES" --base "$base" \
    --rate "$RATE" >"$work/workload-$n.json" &
  workload=$!
  restarts=""
  if [ "$ROLLING" = 1 ] && [ "$n" -gt 1 ]; then
    for i in $(seq 1 "$n"); do
      sleep 5
      cpu_before=$((cpu_before - $(jiffies "${bench_pids[vfbridge$i]}")))
      bench_stop "vfbridge$i"
      took=$bench_stopped_in
      handed=$(grep -c "handing them back" "$work/vfbridge$i.log" || true)
      mv "$work/vfbridge$i.log" "$work/vfbridge$i-before-restart-$i.log"
      start_instance "$i" "$db"
      ready "$i"
      restarts="$restarts vfbridge$i stopped in ${took}s (hand-backs after timeout: $handed);"
    done
    pids=()
    for i in $(seq 1 "$n"); do pids+=("${bench_pids[vfbridge$i]}"); done
  fi
  wait "$workload" || { echo "scale: the workload failed"; cat "$work/workload-$n.json"; exit 1; }
  bench_wait_jobs_done "$db" "$TIMEOUT_SECONDS" || failed=1
  cpu_after=$(jiffies "${pids[@]}")
  read -r busy_after total_after < <(machine)
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  curl -fs "http://127.0.0.1:$SIM_PORT/_admin/stats" -H "$BENCH_SIM_AUTH" >"$work/stats-$n.json"
  bench_sql "$db" "select count(*), count(*) filter (where status = 'succeeded'), count(*) filter (where failures > 0),
      extract(epoch from max(finished_at) - min(started_at)) from job
      where ordering_key not like 'periodic:%'" >"$work/jobs-$n.txt" # billing's jobs, not scheduled runs
  bench_sql "$db" "select count(*) from inbound_event" >"$work/events-$n.txt"
  python3 - "$n" "$work" "$SERVICES" "$base" "$migrations" "$cpu_before" "$cpu_after" "$busy_before" "$total_before" \
    "$busy_after" "$total_after" "$(getconf CLK_TCK)" "$load_before" "$load_after" "$restarts" >>"$report" <<'PY' || failed=1
import json, sys
n, work, services, base = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
migrations = sys.argv[5]
cpu = (int(sys.argv[7]) - int(sys.argv[6])) / int(sys.argv[12])
busy = (float(sys.argv[10]) - float(sys.argv[8])) / (float(sys.argv[11]) - float(sys.argv[9]))
load_before, load_after, restarts = sys.argv[13], sys.argv[14], sys.argv[15]
sent = json.load(open(f"{work}/workload-{n}.json"))
stats = json.load(open(f"{work}/stats-{n}.json"))
jobs, succeeded, retried, elapsed = open(f"{work}/jobs-{n}.txt").read().strip().split("|")
jobs, succeeded, retried, elapsed = int(jobs), int(succeeded), int(retried), float(elapsed)
events = int(open(f"{work}/events-{n}.txt").read().strip())
expected = services + sum(1 for i in range(1, services + 1) if i % 4 in (1, 2))
suspends = sum(1 for i in range(1, services + 1) if i % 4 == 1)
terminates = sum(1 for i in range(1, services + 1) if i % 4 == 2)
calls = stats["calls"]
ok = lambda op: sum(c for s, c in calls.get(op, {}).items() if s.startswith("2"))
by_owner = stats["servers"]["byOwnerExtRelationId"]
wrong_owners = [i for i in range(1, services + 1)
                if by_owner.get(str(base + i), 0) != (0 if i % 4 == 2 else 1)]
checks = {
    "every event acknowledged": sent["acknowledged"] == expected,
    "every event stored once": events == expected,
    "one job per event, all succeeded": jobs == expected and succeeded == expected,
    "one server created per service (POST /servers 2xx)": ok("POST /servers") == services,
    "each live service has exactly one server, each terminated none": not wrong_owners,
    "each suspend reached VirtFusion once": ok("POST /servers/{serverId}/suspend") == suspends
                                           and stats["servers"]["suspended"] == suspends,
    "each terminate reached VirtFusion once": ok("DELETE /servers/{serverId}") == terminates,
}
print(f"--- {n} instance(s); workload sent: {json.dumps(sent)}")
print(f"migrations          {migrations} (all instances started at once on an empty database)")
print(f"events              {expected} ({services} creates, {suspends} suspends, {terminates} terminates)")
print(f"throughput          {expected / elapsed:.2f} events/s, {services / elapsed:.2f} creates/s "
      f"({elapsed:.1f} s first job started -> last finished)")
print(f"cpu                 machine {busy * 100:.0f}% busy; vfbridge JVMs {cpu:.1f} s = {cpu / expected * 1000:.1f} ms per event")
print(f"load average        {load_before} before, {load_after} after")
print(f"simulator           {stats['totalCalls']} calls, {stats['faults']['byKind']} faults applied")
print(f"jobs retried        {retried} jobs failed at least once and ran again (429s from the simulator)")
if restarts:
    print(f"rolling restart    {restarts}")
for name, passed in checks.items():
    print(f"audit               {'ok  ' if passed else 'FAIL'} {name}")
if wrong_owners:
    print(f"audit               services with the wrong number of servers: {wrong_owners[:10]}")
print(f"@@ {n} {expected / elapsed:.4f}")
sys.exit(0 if all(checks.values()) else 1)
PY
  for i in $(seq 1 "$n"); do
    bench_stop "vfbridge$i"
    echo "graceful stop       vfbridge$i exited ${bench_stopped_in}s after SIGTERM" >>"$report"
  done
done
grep -v '^@@' "$report"
python3 - "$report" <<'PY'
import sys
rates = {}
for line in open(sys.argv[1]):
    if line.startswith("@@"):
        _, n, rate = line.split()
        rates[int(n)] = float(rate)
if 1 in rates and 3 in rates:
    print(f"ratio 3:1           {rates[3] / rates[1]:.2f}")
PY
nproc_count=$(nproc)
echo "machine             $nproc_count cores; PostgreSQL at $BENCH_PG_HOST:$BENCH_PG_PORT is shared with whatever else runs"
exit "$failed"
