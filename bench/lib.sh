# Shared shell pieces of the benchmarks and checks under bench/ and docker/: source it.
#   . bench/lib.sh; bench_init
# Everything started with bench_start is stopped, and every database made with bench_fresh_db is
# dropped, when the script exits (however it exits). Loopback only.

BENCH_PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
BENCH_PG_PORT=${BENCH_PG_PORT:-5432}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# the standalone simulator's harness (/_admin) takes the same token as its API
BENCH_SIM_AUTH="Authorization: Bearer ${BENCH_SIM_TOKEN:-sim-token}"
declare -A bench_pids=()
bench_dbs=()
bench_work=""

bench_init() {
  bench_work=$(mktemp -d)
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local name
  for name in "${!bench_pids[@]}"; do kill "${bench_pids[$name]}" 2>/dev/null || true; done
  for name in "${!bench_pids[@]}"; do wait "${bench_pids[$name]}" 2>/dev/null || true; done
  for name in "${bench_dbs[@]}"; do
    psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U postgres -d postgres -qAtc \
      "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true
  done
  [ -z "$bench_work" ] || rm -rf "$bench_work"
}

# bench_fresh_db NAME: creates an empty database NAME, dropped at exit
bench_fresh_db() {
  psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U postgres -d postgres -qAtc "CREATE DATABASE $1"
  bench_dbs+=("$1")
}

# bench_jdbc_url DB: the JDBC URL of a database made by bench_fresh_db
bench_jdbc_url() {
  printf 'jdbc:postgresql://%s:%s/%s?user=postgres' "$BENCH_PG_HOST" "$BENCH_PG_PORT" "$1"
}

# bench_sql DB SQL: one value (or rows) from a query
bench_sql() {
  psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U postgres -d "$1" -qAtc "$2"
}

# bench_start NAME LOG COMMAND...: runs COMMAND in the background, logging to LOG; stopped at exit
bench_start() {
  local name=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  bench_pids[$name]=$!
}

# bench_stop NAME: SIGTERM (a graceful stop) and wait for it to exit; sets bench_stopped_in to the
# seconds it took (call it directly, not in $(...): only this shell can wait for its children)
bench_stop() {
  local pid=${bench_pids[$1]:-} start
  bench_stopped_in=""
  [ -n "$pid" ] || return 0
  start=$(date +%s.%N)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "bench_pids[$1]"
  bench_stopped_in=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
}

# bench_wait_for URL [SECONDS] [LOG...]: waits until URL answers 2xx; on time-out shows the logs, fails
bench_wait_for() {
  local url=$1 seconds=${2:-180}
  shift 2 || shift $#
  local auth=()
  case $url in */_admin/*) auth=(-H "$BENCH_SIM_AUTH") ;; esac
  for _ in $(seq 1 "$seconds"); do
    curl -fs "${auth[@]}" "$url" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "bench: $url did not come up within ${seconds}s" >&2
  [ $# -eq 0 ] || tail -30 "$@" >&2
  return 1
}

# bench_new_secret: a fresh whsec_ webhook secret
bench_new_secret() {
  printf 'whsec_%s' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
}

# bench_start_simulator NAME PORT LOG [ARG...]: the standalone simulator (real time, 1 s builds,
# unlimited capacity), as docker-compose runs it
bench_start_simulator() {
  local name=$1 port=$2 log=$3
  shift 3
  bench_start "$name" "$log" "$JAVA" -jar target/vfbridge.jar --spring.profiles.active=simulator \
    --server.port="$port" --vfbridge.simulator.build-time=1s --vfbridge.simulator.time-scale=1 \
    "--vfbridge.simulator.seed=$PWD/bench/simulator/seed.yaml" --logging.level.root=warn "$@"
}

# bench_sim_faults PORT JSON: replaces the simulator's fault rules
bench_sim_faults() {
  curl -fs -X DELETE "http://127.0.0.1:$1/_admin/faults" -H "$BENCH_SIM_AUTH" >/dev/null
  curl -fs -X POST "http://127.0.0.1:$1/_admin/faults" -H "$BENCH_SIM_AUTH" -H 'Content-Type: application/json' -d "$2" >/dev/null
}

# bench_sim_total_calls PORT: VirtFusion calls the simulator has answered so far
bench_sim_total_calls() {
  curl -fs "http://127.0.0.1:$1/_admin/stats" -H "$BENCH_SIM_AUTH" | sed -n 's/.*"totalCalls":\([0-9]*\).*/\1/p'
}

# bench_wait_jobs_done DB SECONDS: waits until no job is queued or running
bench_wait_jobs_done() {
  local deadline=$(($(date +%s) + $2)) open
  while :; do
    open=$(bench_sql "$1" "select count(*) from job where status in ('queued','running')")
    [ "$open" = 0 ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: $open jobs still open after $2 s" >&2; return 1; }
    sleep 0.5
  done
}
