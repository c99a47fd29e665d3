#!/usr/bin/env bash
# Start-up benchmark: how long `java -jar target/vfbridge.jar` takes to be ready
# (/actuator/health/readiness answers UP) against an external PostgreSQL, and its resident memory
# once idle. Each run gets a fresh database (so every run applies the Flyway migrations, as a first
# start does), dropped afterwards; the simulator is off, workers on. Prints every run, the median
# and the range. See bench/startup/README.md.
#
#   bench/startup/run.sh
#   RUNS=3 IDLE_SECONDS=10 JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/startup/run.sh
#
# Environment (all optional):
#   RUNS=5              starts measured (the median is reported)
#   IDLE_SECONDS=5      how long the ready instance idles before its RSS is read
#   READY_SECONDS=120   the longest a start may take before the run fails
#   JAVA_HOME           the JDK that runs vfbridge (default: java on the PATH)
#   JAVA_OPTS           extra JVM options for vfbridge
#   BENCH_PG_HOST/BENCH_PG_PORT  the PostgreSQL server (default 127.0.0.1:5432, user postgres, trust)
#
# Free ports only (server.port=0, read from the log); stops what it starts and drops its databases
# on any exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
IDLE_SECONDS=${IDLE_SECONDS:-5}
READY_SECONDS=${READY_SECONDS:-120}
JAVA_OPTS=${JAVA_OPTS:-}
for name in RUNS IDLE_SECONDS READY_SECONDS; do
  [[ ${!name} =~ ^[0-9]+$ ]] && [ "${!name}" -gt 0 ] || { echo "startup: $name must be a positive integer" >&2; exit 2; }
done
. bench/lib.sh
bench_init
log() { printf '%s startup: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v psql >/dev/null && command -v curl >/dev/null || { log "needs psql and curl on the PATH"; exit 1; }
if [ ! -f target/vfbridge.jar ]; then
  log "building target/vfbridge.jar"
  timeout 900 mvn -B -o -q -DskipTests package >"$bench_work/build.log" 2>&1 ||
    { log "build failed"; tail -20 "$bench_work/build.log" >&2; exit 1; }
fi
bench_sql postgres "select 1" >/dev/null || { log "PostgreSQL is not reachable at $BENCH_PG_HOST:$BENCH_PG_PORT"; exit 1; }
stamp=$(date -u +%Y%m%d%H%M%S)
log "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

rss_mib() { awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

ready_ms=()
rss=()
printf '%-5s %10s %14s %10s\n' "run" "ready ms" "JVM-reported s" "idle RSS MiB"
for i in $(seq 1 "$RUNS"); do
  db="vfbridge_startup_${stamp}_$$_$i"
  bench_fresh_db "$db" >/dev/null
  app_log=$bench_work/vfbridge-$i.log
  started=$(date +%s%N)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  bench_start app "$app_log" "$JAVA" $JAVA_OPTS -jar target/vfbridge.jar --server.port=0 \
    "--spring.datasource.url=$(bench_jdbc_url "$db")" \
    "--vfbridge.billing.webhook-secrets[0]=$(bench_new_secret)" --vfbridge.simulator.enabled=false
  pid=${bench_pids[app]}
  port=""
  ready=""
  deadline=$(($(date +%s) + READY_SECONDS))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || { log "vfbridge exited during start-up:"; tail -n 40 "$app_log" >&2; exit 1; }
    [ -n "$port" ] || port=$(sed -n 's/.*Tomcat started on port \([0-9][0-9]*\).*/\1/p' "$app_log" | head -n 1)
    if [ -n "$port" ] && curl -fs --max-time 1 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      ready=$(ms_since "$started")
      break
    fi
    sleep 0.05
  done
  [ -n "$ready" ] || { log "vfbridge not ready within ${READY_SECONDS} s"; tail -n 40 "$app_log" >&2; exit 1; }
  reported=$(sed -n 's/.*Started [A-Za-z]* in \([0-9.]*\) seconds.*/\1/p' "$app_log" | head -n 1)
  sleep "$IDLE_SECONDS"
  idle=$(rss_mib "$pid")
  bench_stop app
  ready_ms+=("$ready")
  rss+=("$idle")
  printf '%-5s %10s %14s %10s\n' "$i" "$ready" "${reported:-?}" "${idle:-?}"
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
range() { printf '%s\n' "$@" | sort -n | awk 'NR==1{a=$1} {b=$1} END{print a "-" b}'; }
echo
echo "== vfbridge start-up ($RUNS runs, $("$JAVA" -version 2>&1 | head -n 1)${JAVA_OPTS:+, $JAVA_OPTS}) =="
printf '%-28s %s ms (range %s ms)\n' "java -jar -> readiness UP" "$(median "${ready_ms[@]}")" "$(range "${ready_ms[@]}")"
printf '%-28s %s MiB (range %s MiB), after %s s idle\n' "RSS when idle" "$(median "${rss[@]}")" "$(range "${rss[@]}")" "$IDLE_SECONDS"
printf '%-28s %s\n' "machine" "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
