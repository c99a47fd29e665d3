#!/usr/bin/env bash
# The intake benchmark: how many signed webhooks per second vfbridge acknowledges (202 = event and
# job durably committed in one transaction), at what latency, compared with pgbench running the
# statement straight against the same database (and the smallest event + job transaction), and how
# soon an idle instance starts an accepted event's job. See bench/intake/README.md.
#
#   bench/intake/run.sh                          # 32 connections, 60 s warm-up, 30 s measured
#   CONNECTIONS=16 WARMUP_SECONDS=20 SECONDS=20 bench/intake/run.sh
#
# Environment (all optional):
#   CONNECTIONS=32      load generator connections = pgbench clients
#   WARMUP_SECONDS=60   load before the measurement, not recorded (JIT, pools, caches)
#   SECONDS=30          measured duration, for vfbridge and for pgbench (MEASURE_SECONDS also works)
#   MAX_REQUESTS=5000000  upper bound of measured requests (the generator stops there)
#   RATE=0              0: closed loop (each connection sends its next request when the answer
#                       came: maximum throughput). N: open loop at N requests/s in total, latency
#                       counted from when each request was due (for latency at a given load)
#   JAVA_HOME           the JDK that runs vfbridge (default: java on the PATH)
#   JAVA_OPTS           extra JVM options for vfbridge
#   GEN_JAVA_HOME       the JDK that runs the load generator (default: JDK 25 if installed, else
#                       the JDK of vfbridge)
#   GEN_JAVA_OPTS       JVM options of the generator (default: -XX:+UseParallelGC -Xms1g -Xmx1g)
#   WAIT_QUIET=0        wait up to this many seconds for the machine to be idle (< 15% busy over
#                       5 s) before starting; other programs skew every figure (0: do not wait)
#   PROFILE=1           record a JFR of vfbridge during the measurement and print where the time
#                       goes (bench/intake/profile-summary.sh); JFR_SETTINGS=default|profile
#   PGHOST/PGPORT/PGUSER  the PostgreSQL server (default 127.0.0.1, 5432, postgres; trust auth)
#   PICKUP_EVENTS=50    events sent one at a time (100 ms apart) to an idle instance with workers,
#                       for the pickup latency (202 -> job start); 0 skips that phase
#   OUT_DIR             where logs and results go (default bench/intake/out/<timestamp>, ignored by git)
#
# Bounded: every step has a time limit; the jar is stopped and the bench database dropped on any
# exit. Exit code 0 when the run completed and durability held, 1 otherwise.
set -euo pipefail

# bash counts SECONDS up from the start of the shell, so the value given in the environment must be
# read from the environment this process was started with, not from $SECONDS.
env_seconds=$(tr '\0' '\n' </proc/$$/environ 2>/dev/null | sed -n 's/^SECONDS=//p' | head -n 1 || true)
MEASURE_SECONDS=${MEASURE_SECONDS:-${env_seconds:-30}}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
MAX_REQUESTS=${MAX_REQUESTS:-5000000}
JAVA_OPTS=${JAVA_OPTS:-}
PROFILE=${PROFILE:-0}
JFR_SETTINGS=${JFR_SETTINGS:-default}
WAIT_QUIET=${WAIT_QUIET:-0}
RATE=${RATE:-0}
PICKUP_EVENTS=${PICKUP_EVENTS:-50}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER PGCONNECT_TIMEOUT=10
for name in MEASURE_SECONDS CONNECTIONS WARMUP_SECONDS MAX_REQUESTS PGPORT WAIT_QUIET RATE PICKUP_EVENTS; do
  [[ ${!name} =~ ^[0-9]+$ ]] && { [ "$name" = WAIT_QUIET ] || [ "$name" = RATE ] || [ "$name" = PICKUP_EVENTS ] || [ "${!name}" -gt 0 ]; } || { echo "intake: $name must be a positive integer" >&2; exit 2; }
done

cd "$(dirname "$0")/../.."
root=$(pwd)
here=$root/bench/intake
stamp=$(date -u +%Y%m%d_%H%M%S)
OUT_DIR=${OUT_DIR:-$here/out/$stamp}
mkdir -p "$OUT_DIR"
db="vfbridge_bench_${stamp}_$$"
pickup_db="${db}_pickup"

java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}java
jcmd_bin=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
if [ -z "${GEN_JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  GEN_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
gen_java=${GEN_JAVA_HOME:+$GEN_JAVA_HOME/bin/}java
[ -n "${GEN_JAVA_HOME:-}" ] || gen_java=$java_bin
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:--XX:+UseParallelGC -Xms1g -Xmx1g}

app_pid=""
gen_pid=""
pgbench_pid=""
db_created=0
pickup_db_created=0
rss_pid=""
status=1

log() { printf '%s intake: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

stop_pid() { # pid, seconds to wait after TERM
  local pid=$1 wait_s=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  pkill -TERM -P "$pid" 2>/dev/null || true # the children of a timeout or subshell wrapper
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait_s * 10))); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$gen_pid" 5
  stop_pid "$pgbench_pid" 5
  stop_pid "$app_pid" 30
  stop_pid "$rss_pid" 2
  if [ "$pickup_db_created" = 1 ]; then
    psql -X -q -d postgres -c "drop database if exists \"$pickup_db\" with (force)" >/dev/null 2>&1 ||
      log "could not drop database $pickup_db: drop it by hand"
  fi
  if [ "$db_created" = 1 ] && [ "${KEEP_DB:-0}" != 1 ]; then
    psql -X -q -d postgres -c "drop database if exists \"$db\" with (force)" >/dev/null 2>&1 ||
      log "could not drop database $db: drop it by hand"
  fi
  [ "$rc" = 0 ] || log "failed (exit $rc); logs in $OUT_DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# /proc/stat: "busy total" jiffies of the whole machine
cpu_ticks() { awk '/^cpu /{b=$2+$3+$4+$7+$8+$9; t=b+$5+$6; print b, t; exit}' /proc/stat; }
# CPU jiffies of every process named postgres (the server and its backends)
pg_ticks() { awk '$2 == "(postgres)" { s += $14 + $15 } END { print s + 0 }' /proc/[0-9]*/stat 2>/dev/null || true; }
busy_pct() { # "b0 t0" "b1 t1"
  awk -v a="$1" -v b="$2" 'BEGIN{split(a,x," "); split(b,y," "); t=y[2]-x[2]; printf "%.1f", (t>0)?100*(y[1]-x[1])/t:0}'
}

# ---------------------------------------------------------------- preflight
command -v psql >/dev/null && command -v pgbench >/dev/null && command -v curl >/dev/null ||
  { log "needs psql, pgbench and curl on the PATH"; exit 1; }
jar=$root/target/vfbridge.jar
if [ ! -f "$jar" ]; then
  log "building $jar"
  timeout 900 mvn -B -o -q -DskipTests package >"$OUT_DIR/build.log" 2>&1 || { log "build failed, see $OUT_DIR/build.log"; exit 1; }
fi
pg_version=$(psql -X -At -d postgres -c "show server_version") || { log "PostgreSQL is not reachable at $PGHOST:$PGPORT"; exit 1; }
pg_settings=$(psql -X -At -d postgres -c "select string_agg(name || '=' || setting, ' ' order by name) from pg_settings where name in ('fsync','synchronous_commit','shared_buffers','max_connections','wal_sync_method')")

# how busy is the machine before we start? other programs skew every figure here
quiet_until=$(($(date +%s) + WAIT_QUIET))
while :; do
  t0=$(cpu_ticks); sleep "$([ "$WAIT_QUIET" -gt 0 ] && echo 5 || echo 3)"; t1=$(cpu_ticks)
  idle_busy=$(busy_pct "$t0" "$t1")
  awk -v b="$idle_busy" 'BEGIN{exit !(b>15)}' && [ "$(date +%s)" -lt "$quiet_until" ] || break
  log "machine ${idle_busy}% busy, waiting for it to be idle (until $(date -u -d "@$quiet_until" +%H:%M:%S))"
done
log "machine busy before the run: ${idle_busy}% of $(nproc) CPUs (load average $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v b="$idle_busy" 'BEGIN{exit !(b>15)}' && log "WARNING: something else is using the CPU; the figures will be low and noisy"

# ---------------------------------------------------------------- database and service
psql -X -q -d postgres -c "create database \"$db\"" >/dev/null
db_created=1
log "database $db created"

secret="whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
# start_vfbridge DB LOG JOBS_ENABLED: starts the jar on a free port and waits until it is ready;
# sets app_pid and port
start_vfbridge() {
  local database=$1 logfile=$2 jobs=$3
  # GC pauses are logged (gc.log in OUT_DIR) to see what they add to the latency tail
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  (cd "$OUT_DIR" && exec "$java_bin" -Xlog:gc,gc+phases:file="gc-$(basename "$logfile" .log).log":timemillis $JAVA_OPTS -jar "$jar" \
    --server.port=0 \
    "--spring.datasource.url=jdbc:postgresql://$PGHOST:$PGPORT/$database?user=$PGUSER" \
    "--vfbridge.jobs.enabled=$jobs" \
    "--vfbridge.billing.webhook-secrets[0]=$secret" \
    --vfbridge.simulator.enabled=false) >"$logfile" 2>&1 &
  app_pid=$!
  log "vfbridge starting (pid $app_pid, jobs enabled: $jobs, $("$java_bin" -version 2>&1 | head -n 1))"
  port=""
  for _ in $(seq 1 "${READY_SECONDS:-300}"); do
    kill -0 "$app_pid" 2>/dev/null || { log "vfbridge exited during start-up:"; tail -n 40 "$logfile" >&2; exit 1; }
    [ -n "$port" ] || port=$(sed -n 's/.*Tomcat started on port \([0-9][0-9]*\).*/\1/p' "$logfile" | head -n 1)
    if [ -n "$port" ] && curl -fs --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
      break
    fi
    sleep 1
  done
  [ -n "$port" ] && curl -fs --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" | grep -q '"UP"' ||
    { log "vfbridge not ready within ${READY_SECONDS:-300} s"; tail -n 40 "$logfile" >&2; exit 1; }
  log "vfbridge ready on port $port"
}
rss_mib() { awk '/^VmRSS:/{printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

app_log=$OUT_DIR/vfbridge.log
start_vfbridge "$db" "$app_log" false
sleep 2
rss_idle=$(rss_mib "$app_pid")
# the resident set of vfbridge every second under load (its maximum is reported)
(while kill -0 "$app_pid" 2>/dev/null; do rss_mib "$app_pid"; echo; sleep 1; done) >"$OUT_DIR/rss.txt" 2>/dev/null &
rss_pid=$!

# ---------------------------------------------------------------- load
gen_out=$OUT_DIR/generator.txt
gen_err=$OUT_DIR/generator.log
log "load: $CONNECTIONS connections ($([ "$RATE" = 0 ] && echo "closed loop" || echo "open loop, $RATE/s")), ${WARMUP_SECONDS} s warm-up, ${MEASURE_SECONDS} s measured (generator on $("$gen_java" -version 2>&1 | head -n 1))"
# shellcheck disable=SC2086
BENCH_WEBHOOK_SECRET=$secret timeout $((WARMUP_SECONDS + MEASURE_SECONDS + 180)) \
  "$gen_java" $GEN_JAVA_OPTS "$here/LoadGenerator.java" \
  --url "http://127.0.0.1:$port/v1/events" --connections "$CONNECTIONS" \
  --warmup "$WARMUP_SECONDS" --seconds "$MEASURE_SECONDS" --max-requests "$MAX_REQUESTS" --rate "$RATE" \
  --timeout 30 --app-pid "$app_pid" >"$gen_out" 2>"$gen_err" &
gen_pid=$!

if [ "$PROFILE" = 1 ]; then
  # start the recording when the generator says the measurement starts
  for _ in $(seq 1 $(((WARMUP_SECONDS + 120) * 5))); do
    grep -q "measurement starts" "$gen_err" 2>/dev/null && break
    kill -0 "$gen_pid" 2>/dev/null || break
    sleep 0.2
  done
  "$jcmd_bin" "$app_pid" JFR.start name=intake settings="$JFR_SETTINGS" duration="${MEASURE_SECONDS}s" \
    filename="$OUT_DIR/vfbridge.jfr" >"$OUT_DIR/jfr-start.log" 2>&1 || log "could not start JFR (see $OUT_DIR/jfr-start.log)"
  for i in 1 2 3; do # a few thread dumps during the measurement, for the record
    sleep $((MEASURE_SECONDS / 4 + 1))
    kill -0 "$gen_pid" 2>/dev/null && "$jcmd_bin" "$app_pid" Thread.print >"$OUT_DIR/threads-$i.txt" 2>&1 || true
  done
fi

gen_rc=0
wait "$gen_pid" || gen_rc=$?
gen_pid=""
[ "$gen_rc" = 0 ] || { log "the load generator failed (exit $gen_rc)"; cat "$gen_err" >&2; exit 1; }
get() { sed -n "s/^$1=//p" "$gen_out" | head -n 1; }

if [ "$PROFILE" = 1 ]; then
  for _ in $(seq 1 30); do [ -s "$OUT_DIR/vfbridge.jfr" ] && break; sleep 1; done
fi

# stop the service (gracefully: every acknowledged event must already be committed)
stop_pid "$rss_pid" 2
rss_pid=""
rss_load=$(awk 'NF && $1 ~ /^[0-9]+$/ { if ($1 > m) m = $1 } END { print m + 0 }' "$OUT_DIR/rss.txt")
stop_pid "$app_pid" 30
app_pid=""

# GC pauses during the measurement window
gc_pauses=$(awk -v from="$(get measure_start_epoch_ms)" -v to="$(get measure_end_epoch_ms)" '
  { t = $1; gsub(/[^0-9]/, "", t) }
  t >= from && t <= to && / Pause .*[0-9.]+ms$/ { ms = $NF; sub(/ms$/, "", ms); n++; sum += ms; if (ms > max) max = ms }
  END { printf "%d pauses, %.0f ms in total, longest %.1f ms", n, sum, max }' "$OUT_DIR/gc-vfbridge.log" 2>/dev/null || echo "no gc log")

# ---------------------------------------------------------------- durability
rows_event=$(psql -X -At -d "$db" -c "select count(*) from inbound_event")
# jobs of billing events only: scheduled periodic runs (usage sync, reconciliation) are not events
rows_job=$(psql -X -At -d "$db" -c "select count(*) from job where ordering_key not like 'periodic:%'")
acked=$(get total_202)
durable=ok
if [ "$rows_event" != "$acked" ] || [ "$rows_job" != "$acked" ]; then
  durable=FAILED
fi

# ---------------------------------------------------------------- pgbench: the same transaction
# run_pgbench NAME SCRIPT: pgbench with SCRIPT on the bench database; prints
# "tps mean p50 p99 p999 failed machine_busy postgres_cores client_cores"
run_pgbench() {
  local name=$1 script=$2 dir=$OUT_DIR/pgbench-$1 rc p0 p1 g0 g1 s0 s1 busy pg_cores client_cores tps failed
  log "pgbench ($name): $CONNECTIONS clients, ${MEASURE_SECONDS} s, $script"
  mkdir -p "$dir"
  # the subshell reports the CPU pgbench itself used (children's times)
  (cd "$dir" && rc=0 && timeout $((MEASURE_SECONDS + 120)) pgbench -n -M prepared -c "$CONNECTIONS" -j "$(nproc)" \
    -T "$MEASURE_SECONDS" -l --log-prefix=tx -f "$script" "$db" || rc=$?
    times >"$dir/times"; exit "$rc") >"$dir/pgbench.txt" 2>&1 &
  pgbench_pid=$!
  # sample the CPU inside the run (the backends exist only while pgbench is connected)
  sleep 1; p0=$(cpu_ticks); g0=$(pg_ticks); s0=$(date +%s%N)
  sleep "$((MEASURE_SECONDS > 3 ? MEASURE_SECONDS - 2 : 1))"; p1=$(cpu_ticks); g1=$(pg_ticks); s1=$(date +%s%N)
  rc=0
  wait "$pgbench_pid" || rc=$?
  pgbench_pid=""
  [ "$rc" = 0 ] || { log "pgbench failed (exit $rc)"; tail -n 20 "$dir/pgbench.txt" >&2; exit 1; }
  busy=$(busy_pct "$p0" "$p1")
  pg_cores=$(awk -v a="$g0" -v b="$g1" -v hz="$(getconf CLK_TCK)" -v s0="$s0" -v s1="$s1" 'BEGIN{printf "%.2f", (b-a)/hz/((s1-s0)/1e9)}')
  client_cores=$(awk -v s="$MEASURE_SECONDS" '{t=0; for(i=1;i<=2;i++){split($i,a,"m"); sub(/s/,"",a[2]); t+=a[1]*60+a[2]} printf "%.2f", t/s}' <(tail -n 1 "$dir/times") 2>/dev/null || echo "?")
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$dir/pgbench.txt" | head -n 1)
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$dir/pgbench.txt" | head -n 1)
  # latency percentiles from the per-transaction log (third column: microseconds)
  printf '%s %s %s %s\n' "$tps" "$(cat "$dir"/tx.* | awk '{print $3}' | sort -n | awk '
    {v[NR]=$1; s+=$1}
    function p(q,  i){ i=int(q*NR+0.999999); if(i<1)i=1; if(i>NR)i=NR; return v[i]/1000 }
    END { if (NR==0) { print "0 0 0 0"; exit } printf "%.2f %.2f %.2f %.2f\n", s/NR/1000, p(0.50), p(0.99), p(0.999) }')" \
    "${failed:-0}" "$busy $pg_cores $client_cores"
}
# called in this shell (not in $(...)), so that a failure ends the script and the cleanup sees pgbench
run_pgbench same "$here/intake.pgbench" >"$OUT_DIR/pgbench-same.result"
run_pgbench minimal "$here/intake-minimal.pgbench" >"$OUT_DIR/pgbench-minimal.result"
read -r pgb_tps pgb_avg pgb_p50 pgb_p99 pgb_p999 pgb_failed pgb_busy pgb_pg_cores pgb_client_cores <"$OUT_DIR/pgbench-same.result"
read -r min_tps min_avg min_p50 min_p99 min_p999 min_failed min_busy min_pg_cores min_client_cores <"$OUT_DIR/pgbench-minimal.result"

# ---------------------------------------------------------------- pickup: 202 -> job start, idle instance
pickup_line="skipped (PICKUP_EVENTS=0)"
if [ "$PICKUP_EVENTS" -gt 0 ]; then
  psql -X -q -d postgres -c "create database \"$pickup_db\"" >/dev/null
  pickup_db_created=1
  start_vfbridge "$pickup_db" "$OUT_DIR/vfbridge-pickup.log" true
  key_hex=$(printf '%s' "${secret#whsec_}" | base64 -d | xxd -p | tr -d '\n')
  log "pickup: $PICKUP_EVENTS webhooks, one at a time, 100 ms apart, to the idle instance"
  pickup_bad=0
  for i in $(seq 1 "$PICKUP_EVENTS"); do
    id="msg_pickup_${stamp}_$i"
    ts=$(date +%s)
    body='{"type":"service.suspend","timestamp":"'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'","data":{"service":{"id":"pickup-'"$i"'"}}}'
    sig=$(printf '%s' "$id.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "http://127.0.0.1:$port/v1/events" \
      -H 'Content-Type: application/json' -H "webhook-id: $id" -H "webhook-timestamp: $ts" \
      -H "webhook-signature: v1,$sig" --data "$body" || true)
    [ "$code" = 202 ] || pickup_bad=$((pickup_bad + 1))
    sleep 0.1
  done
  for _ in $(seq 1 100); do
    [ "$(psql -X -At -d "$pickup_db" -c "select count(*) from job where ordering_key not like 'periodic:%' and started_at is null")" = 0 ] && break
    sleep 0.1
  done
  pickup_line=$(psql -X -At -F ' ' -d "$pickup_db" -c "
    select count(*), round((percentile_cont(0.5) within group (order by ms))::numeric, 1),
           round((percentile_cont(0.99) within group (order by ms))::numeric, 1), round(max(ms)::numeric, 1),
           count(*) filter (where ms is null)
    from (select extract(epoch from started_at - created_at) * 1000 as ms from job
          where ordering_key not like 'periodic:%') j" |
    awk -v bad="$pickup_bad" '{printf "p50 %s ms, p99 %s ms, max %s ms over %d jobs (not started: %d, non-202: %d)", $2, $3, $4, $1, $5, bad}')
  stop_pid "$app_pid" 30
  app_pid=""
fi

# ---------------------------------------------------------------- summary
acks_s=$(get acks_per_second)
p99=$(get latency_p99_ms)
ratio=$(awk -v a="$acks_s" -v b="$pgb_tps" 'BEGIN{printf "%.2f", (b>0)?a/b:0}')
goal=$(awk -v r="$ratio" -v p="$p99" 'BEGIN{print (r>=0.6 && p<=25) ? "met" : "MISSED"}')
[ "$RATE" = 0 ] || goal="not judged in open loop"

{
  echo
  echo "== vfbridge intake benchmark ($stamp UTC) =="
  printf '%-34s %s\n' "connections / warm-up / measured" "$CONNECTIONS / ${WARMUP_SECONDS} s / ${MEASURE_SECONDS} s (window $(get measure_seconds) s), $([ "$RATE" = 0 ] && echo "closed loop" || echo "open loop at $RATE/s: the ratio means nothing here")"
  echo
  printf '%-22s %12s %9s %9s %9s %9s %9s\n' "" "per second" "mean ms" "p50 ms" "p99 ms" "p999 ms" "errors"
  printf '%-22s %12s %9s %9s %9s %9s %9s\n' "vfbridge (202 acks)" "$acks_s" "$(get latency_mean_ms)" \
    "$(get latency_p50_ms)" "$p99" "$(get latency_p999_ms)" "$(get errors)"
  printf '%-22s %12s %9s %9s %9s %9s %9s\n' "pgbench (same tx)" "$(printf '%.1f' "$pgb_tps")" "$pgb_avg" \
    "$pgb_p50" "$pgb_p99" "$pgb_p999" "${pgb_failed:-0}"
  printf '%-22s %12s %9s %9s %9s %9s %9s\n' "pgbench (minimal tx)" "$(printf '%.1f' "$min_tps")" "$min_avg" \
    "$min_p50" "$min_p99" "$min_p999" "${min_failed:-0}"
  echo
  printf '%-34s %s\n' "ratio vfbridge / pgbench" "$ratio   (goal >= 0.60 and vfbridge p99 <= 25 ms: $goal)"
  printf '%-34s %s\n' "ratio vfbridge / minimal tx" "$(awk -v a="$acks_s" -v b="$min_tps" 'BEGIN{printf "%.2f", (b>0)?a/b:0}')   (same tx / minimal tx: $(awk -v a="$pgb_tps" -v b="$min_tps" 'BEGIN{printf "%.2f", (b>0)?a/b:0}'))"
  printf '%-34s %s\n' "pickup, 202 -> job start (idle)" "$pickup_line"
  printf '%-34s %s\n' "vfbridge RSS (MiB)" "idle $rss_idle after start-up, at most $rss_load under load"
  printf '%-34s %s\n' "vfbridge statuses (measured)" "$(get status_measure)   max $(get latency_max_ms) ms"
  printf '%-34s %s\n' "vfbridge > 25 ms, per second" "$(get slow_per_second)"
  printf '%-34s %s\n' "durability" "inbound_event rows $rows_event, job rows $rows_job, 202s counted $acked (warm-up $(get warmup_202) + measured $(get acks)): $durable"
  printf '%-34s %s\n' "CPU during vfbridge (cores)" "generator $(get gen_cpu_cores), vfbridge $(get app_cpu_cores), postgres $(get postgres_cpu_cores), other $(get other_cpu_cores); machine $(get machine_cpu_busy_pct)% busy"
  printf '%-34s %s\n' "load generator share of busy CPU" "$(awk -v g="$(get gen_cpu_cores)" -v m="$(get machine_cpu_busy_pct)" -v n="$(get machine_cpus)" 'BEGIN{printf "%.0f%%", (m>0)?100*g/(m/100*n):0}') (pgbench client: ${pgb_client_cores} cores)"
  printf '%-34s %s\n' "CPU per request (us)" "generator $(get gen_cpu_us_per_request), vfbridge $(get app_cpu_us_per_request), postgres $(get postgres_cpu_us_per_request); under pgbench: postgres $(awk -v c="$pgb_pg_cores" -v t="$pgb_tps" 'BEGIN{printf "%.1f", (t>0)?c*1e6/t:0}'), pgbench $(awk -v c="$pgb_client_cores" -v t="$pgb_tps" 'BEGIN{printf "%.1f", (t>0)?c*1e6/t:0}')"
  pgb_other=$(awk -v m="$pgb_busy" -v n="$(nproc)" -v p="$pgb_pg_cores" -v c="$pgb_client_cores" 'BEGIN{printf "%.2f", m/100*n-p-c}')
  printf '%-34s %s\n' "CPU during pgbench (cores)" "pgbench $pgb_client_cores, postgres $pgb_pg_cores, other $pgb_other; machine ${pgb_busy}% busy"
  min_other=$(awk -v m="$min_busy" -v n="$(nproc)" -v p="$min_pg_cores" -v c="$min_client_cores" 'BEGIN{printf "%.2f", m/100*n-p-c}')
  printf '%-34s %s\n' "CPU during minimal (cores)" "pgbench $min_client_cores, postgres $min_pg_cores, other $min_other; machine ${min_busy}% busy"
  printf '%-34s %s\n' "vfbridge GC while measured" "$gc_pauses"
  printf '%-34s %s\n' "machine" "$(nproc) CPUs, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), busy ${idle_busy}% before the run"
  printf '%-34s %s\n' "vfbridge JVM" "$("$java_bin" -version 2>&1 | head -n 2 | tail -n 1) ${JAVA_OPTS:+($JAVA_OPTS)}"
  printf '%-34s %s\n' "generator JVM" "$(get gen_java)"
  printf '%-34s %s\n' "PostgreSQL" "$pg_version ($pg_settings)"
  printf '%-34s %s\n' "logs" "$OUT_DIR"
  if awk -v o="$(get other_cpu_cores)" 'BEGIN{exit !(o>0.2)}'; then
    echo "WARNING: other programs used $(get other_cpu_cores) cores while vfbridge was measured: its figures are low"
  fi
  if [ "$(get capped)" = true ]; then
    echo "WARNING: the generator reached MAX_REQUESTS=$MAX_REQUESTS before the end: requests/s is understated"
  fi
  if awk -v o="$pgb_other" 'BEGIN{exit !(o>0.2)}'; then
    echo "WARNING: other programs used $pgb_other cores while pgbench ran: its figures are low"
  fi
  if awk -v o="$min_other" 'BEGIN{exit !(o>0.2)}'; then
    echo "WARNING: other programs used $min_other cores while the minimal pgbench ran: its figures are low"
  fi
} | tee "$OUT_DIR/summary.txt"

if [ "$PROFILE" = 1 ] && [ -s "$OUT_DIR/vfbridge.jfr" ]; then
  jfr_bin=${GEN_JAVA_HOME:+$GEN_JAVA_HOME/bin/}jfr
  [ -x "$jfr_bin" ] || jfr_bin=${JAVA_HOME:+$JAVA_HOME/bin/}jfr
  echo
  echo "== vfbridge profile (JFR during the measurement: $OUT_DIR/vfbridge.jfr) =="
  timeout 300 "$here/profile-summary.sh" "$OUT_DIR/vfbridge.jfr" "$jfr_bin" | tee "$OUT_DIR/profile.txt" || log "profile summary failed"
fi

[ "$durable" = ok ] || { log "durability check FAILED: $rows_event events / $rows_job jobs stored, $acked acknowledged"; exit 1; }
status=0
exit "$status"
