#!/usr/bin/env bash
# The benchmark report: runs the intake benchmark, the end-to-end benchmark, a short fault
# campaign (baseline + kill-9), start-up time and RSS under load, each against a baseline measured
# in the same run, and writes docs/benchmarks.md. See bench/report/README.md.
#
#   bench/report/run.sh                  # about 10 minutes on a quiet 2-core machine
#   FUZZ=1 bench/report/run.sh           # also the 10,000-request fuzz run of the API (mvn)
#
# Environment (optional): INTAKE_WARMUP (30), INTAKE_SECONDS (20), INTAKE_CONNECTIONS (32),
# E2E_N (1000), STARTS (3), FAULT_SCENARIOS ("baseline kill-9"), REPORT (docs/benchmarks.md),
# JAVA_HOME. Ports: 26180/26190 (end to end), 26200 (start-up), 26380-26391 (FAULT_PORT_BASE=26300).
# Loopback only; every step bounded; stops what it starts and drops its databases.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
stamp=$(date -u +%Y%m%d_%H%M%S)
out=$root/bench/report/out/$stamp
mkdir -p "$out"
REPORT=${REPORT:-docs/benchmarks.md}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=$root/target/vfbridge.jar
pids=()
dbs=()

log() { printf '%s report: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for db in "${dbs[@]}"; do
    psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
ms() { date +%s%3N; }
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

[ -f "$jar" ] || timeout 900 mvn -B -o -q -DskipTests package
log "load average at the start: $(load)"
load_start=$(load)

# ---------------------------------------------------------------- start-up time and idle RSS
# vfbridge (prod-like: fresh database, simulator off) from `java -jar` to readiness UP, against the
# same jar started as the standalone simulator (same JVM, same Spring Boot, no database, no JPA,
# no Flyway, no job engine): the ratio is what vfbridge's own start-up adds to a Spring Boot app.
# `java -version` is recorded too, as the floor of any JVM start.
start_once() { # name, readiness url, args...
  local name=$1 url=$2; shift 2
  local t0 pid
  t0=$(ms)
  "$java" -jar "$jar" "$@" >>"$out/startup-$name.log" 2>&1 &
  pid=$!
  started_pid=$pid
  # this runs in a command substitution: its own trap stops the process if the report is stopped
  trap 'kill "$started_pid" 2>/dev/null || true' EXIT TERM INT
  # the simulator's harness takes its token (sim-token in the simulator profile)
  local auth=()
  case $url in */_admin/*) auth=(-H "Authorization: Bearer sim-token") ;; esac
  for _ in $(seq 1 1800); do
    curl -fs --max-time 1 "${auth[@]}" "$url" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { log "$name exited during start-up"; tail -20 "$out/startup-$name.log" >&2; exit 1; }
    sleep 0.1
  done
  local t1
  t1=$(ms)
  sleep 5
  echo "$((t1 - t0)) $(rss_kb "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
STARTS=${STARTS:-3}
: >"$out/startup.txt"
for i in $(seq 1 "$STARTS"); do
  t0=$(ms); "$java" -version >/dev/null 2>&1; echo "jvm $(( $(ms) - t0 ))" >>"$out/startup.txt"
  echo "simulator $(start_once simulator "http://127.0.0.1:26200/_admin/stats" --spring.profiles.active=simulator \
    --server.port=26200 --server.address=127.0.0.1 --logging.level.root=warn)" >>"$out/startup.txt"
  db="vfbridge_report_${stamp}_$i"; dbs+=("$db")
  psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "create database $db"
  echo "vfbridge $(start_once vfbridge "http://127.0.0.1:26200/actuator/health/readiness" --server.port=26200 \
    --server.address=127.0.0.1 "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$db?user=postgres" \
    --vfbridge.simulator.enabled=false --vfbridge.virtfusion.panels.default.base-url=http://127.0.0.1:1/api/v1 \
    --vfbridge.virtfusion.panels.default.token=unused "--vfbridge.billing.webhook-secrets[0]=whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTMyYg==" \
    --logging.level.root=warn)" >>"$out/startup.txt"
done
jvm_ms=$(awk '$1=="jvm"{print $2}' "$out/startup.txt" | median)
sim_ms=$(awk '$1=="simulator"{print $2}' "$out/startup.txt" | median)
vf_ms=$(awk '$1=="vfbridge"{print $2}' "$out/startup.txt" | median)
vf_idle_kb=$(awk '$1=="vfbridge"{print $3}' "$out/startup.txt" | median)
sim_idle_kb=$(awk '$1=="simulator"{print $3}' "$out/startup.txt" | median)
log "start-up: java -version ${jvm_ms} ms, simulator ${sim_ms} ms, vfbridge ${vf_ms} ms (medians of $STARTS)"

# ---------------------------------------------------------------- intake
log "intake benchmark"
intake_load=$(load)
OUT_DIR=$out/intake WARMUP_SECONDS=${INTAKE_WARMUP:-30} SECONDS=${INTAKE_SECONDS:-20} \
  CONNECTIONS=${INTAKE_CONNECTIONS:-32} timeout 900 bench/intake/run.sh >"$out/intake.txt" 2>"$out/intake.log" ||
  { log "intake benchmark failed"; tail -20 "$out/intake.log" >&2; exit 1; }
intake_acks=$(awk '/^vfbridge \(202 acks\)/{print $4}' "$out/intake.txt")
intake_p99=$(awk '/^vfbridge \(202 acks\)/{print $7}' "$out/intake.txt")
pgbench_tps=$(awk '/^pgbench \(same tx\)/{print $4}' "$out/intake.txt")
intake_ratio=$(awk '/^ratio vfbridge \/ pgbench/{print $5}' "$out/intake.txt")

# ---------------------------------------------------------------- end to end, with RSS under load
log "end-to-end benchmark"
e2e_load=$(load)
SIM_PORT=26190 APP_PORT=26180 N=${E2E_N:-1000} TIMEOUT_SECONDS=600 timeout 900 bench/e2e/run.sh >"$out/e2e.txt" 2>&1 &
e2e_pid=$!
pids+=("$e2e_pid")
peak_kb=0
while kill -0 "$e2e_pid" 2>/dev/null; do
  app=$(ss -ltnpH "sport = :26180" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
  if [ -n "$app" ]; then
    kb=$(rss_kb "$app"); [ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
  fi
  sleep 0.5
done
wait "$e2e_pid" || { log "end-to-end benchmark failed"; tail -20 "$out/e2e.txt" >&2; exit 1; }
e2e_throughput=$(awk '/^throughput/{print $2}' "$out/e2e.txt")
e2e_bound=$(awk '/^bound/{print $2}' "$out/e2e.txt")
e2e_ratio=$(awk '/^ratio/{print $2}' "$out/e2e.txt")
e2e_dup=$(awk '/^duplicates/{print $2}' "$out/e2e.txt")
e2e_workers=$(awk '/^workers/{print $2}' "$out/e2e.txt")

# ---------------------------------------------------------------- a short fault campaign
log "fault campaign: ${FAULT_SCENARIOS:-baseline kill-9}"
faults_load=$(load)
# shellcheck disable=SC2086
OUT_DIR=$out/faults MODE=ci PORT_BASE=${FAULT_PORT_BASE:-26300} bench/faults/run.sh ${FAULT_SCENARIOS:-baseline kill-9} >"$out/faults.txt" 2>&1 ||
  { log "fault campaign failed"; tail -30 "$out/faults.txt" >&2; exit 1; }
faults_table=$(sed -n '/^scenario /,/^load average at the end/p' "$out/faults.txt" | grep -v '^load average')

# ---------------------------------------------------------------- optional: the 10,000-request fuzz run
fuzz_line="not run (FUZZ=1 runs it)"
if [ "${FUZZ:-0}" = 1 ]; then
  log "fuzz run: 10,000 requests"
  VFBRIDGE_TEST_DATABASE_URL=${VFBRIDGE_TEST_DATABASE_URL:-"jdbc:postgresql://127.0.0.1:5432/test?user=postgres"} \
    timeout 1800 mvn -B -o verify -Dtest=ApiFuzzIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false \
    -Dvfbridge.fuzz.requests=10000 >"$out/fuzz.txt" 2>&1 || { log "fuzz run failed"; grep -A20 Expecting "$out/fuzz.txt" >&2; exit 1; }
  fuzz_line=$(grep -o '\[fuzz\] seed [0-9]*, [0-9]* requests over [0-9]* operations' "$out/fuzz.txt" | head -n 1)
  fuzz_line="${fuzz_line#\[fuzz\] }: no 5xx, every 4xx problem+json, nothing stored for a refused request"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mb() { awk -v k="$1" 'BEGIN{printf "%.0f", k / 1024}'; }
pg_version=$(psql -X -At -h 127.0.0.1 -U postgres -d postgres -c 'show server_version')
cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`bench/report/run.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'). Every figure is a ratio to a"
  echo "baseline measured in the same run, on the same machine, so the ratios travel better than the"
  echo "absolute numbers (this machine is shared: see the load averages)."
  echo
  echo "## Machine"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| CPU | $(nproc) × $cpu |"
  echo "| memory | $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo) |"
  echo "| JDK | $("$java" -version 2>&1 | head -n 1) |"
  echo "| PostgreSQL | $pg_version on 127.0.0.1:5432 |"
  echo "| load average | $load_start at the start; intake $intake_load, end to end $e2e_load, faults $faults_load (1/5/15 min) |"
  echo
  busiest=$(printf '%s\n' "${load_start%% *}" "${intake_load%% *}" "${e2e_load%% *}" "${faults_load%% *}" | sort -n | tail -n 1)
  if awk -v l="$busiest" -v n="$(nproc)" 'BEGIN{exit !(l > 2 * n)}'; then
    echo "**Warning: the machine was busy with other work (load average above twice its $(nproc) cores): the"
    echo "absolute figures are far below a quiet machine's, and the ratios are skewed too (the baselines"
    echo "got CPU at other moments than the measured runs).**"
    echo
  fi
  echo "## Figures"
  echo
  echo "| what | measured | baseline (same run) | ratio |"
  echo "|---|---|---|---|"
  echo "| intake: signed webhooks acknowledged (202) per second, ${INTAKE_CONNECTIONS:-32} connections, p99 $intake_p99 ms | $intake_acks /s | pgbench, the same insert transaction: $pgbench_tps tx/s | **$intake_ratio** |"
  echo "| end to end: creates completed per second (${E2E_N:-1000} creates, $e2e_workers workers, 100 ms per VirtFusion call, $e2e_dup duplicates) | $e2e_throughput /s | bound workers / (calls × latency): $e2e_bound /s | **$e2e_ratio** |"
  echo "| start-up: \`java -jar\` to readiness UP (median of $STARTS) | vfbridge $vf_ms ms | the same jar as the standalone simulator: $sim_ms ms (\`java -version\`: $jvm_ms ms) | **$(ratio "$vf_ms" "$sim_ms")** (vs JVM: $(ratio "$vf_ms" "$jvm_ms")) |"
  echo "| RSS: vfbridge's peak resident memory during the end-to-end run | $(mb "$peak_kb") MiB | vfbridge idle 5 s after start: $(mb "$vf_idle_kb") MiB (the simulator idle: $(mb "$sim_idle_kb") MiB) | **$(ratio "$peak_kb" "$vf_idle_kb")** |"
  echo
  echo "### Fault campaign (MODE=ci, drain time against the no-fault baseline)"
  echo
  echo '```'
  echo "$faults_table"
  echo '```'
  echo
  echo "Fuzz run of the API: $fuzz_line."
  echo
  echo "## Commands"
  echo
  echo '```sh'
  echo "mvn -B -o -q -DskipTests package"
  echo "bench/report/run.sh                      # all of the above; FUZZ=1 adds the 10,000-request fuzz run"
  echo "OUT_DIR=... WARMUP_SECONDS=${INTAKE_WARMUP:-30} SECONDS=${INTAKE_SECONDS:-20} CONNECTIONS=${INTAKE_CONNECTIONS:-32} bench/intake/run.sh"
  echo "SIM_PORT=26190 APP_PORT=26180 N=${E2E_N:-1000} bench/e2e/run.sh"
  echo "MODE=ci bench/faults/run.sh ${FAULT_SCENARIOS:-baseline kill-9}     # MODE=ci bench/faults/run.sh: every scenario"
  echo "VFBRIDGE_TEST_DATABASE_URL=... mvn -B -o verify -Dtest=ApiFuzzIntegrationTests -Dvfbridge.fuzz.requests=10000"
  echo '```'
  echo
  echo "Raw outputs of this run: \`bench/report/out/$stamp/\` (not committed)."
} >"$REPORT"
log "wrote $REPORT (load average at the end: $(load))"
cat "$REPORT"
