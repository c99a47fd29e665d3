#!/usr/bin/env bash
# Checks the image and the compose stack as far as a machine without a Docker engine can: runs what
# they run, read from the Dockerfile and docker-compose.yml themselves.
#   1. the jar split into layers with the Dockerfile's extract command, copied in the Dockerfile's order;
#   2. the simulator service: the image's ENTRYPOINT (JVM flags, launcher) + the service's command;
#   3. the vfbridge service: the same ENTRYPOINT with the service's environment (defaults of its
#      ${VAR:-default}s), host names pointed at loopback and a fresh database on 127.0.0.1:5432;
#   4. the image's HEALTHCHECK and the services' healthchecks, then a signed sample event through
#      scripts/send-sample-event.sh with docker/example-credentials.properties: the operation must
#      succeed and the simulator service must hold the new server.
# Loopback only (ports 25280/25290 unless CHECK_APP_PORT/CHECK_SIM_PORT); bounded; stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_PORT=${CHECK_APP_PORT:-25280}
SIM_PORT=${CHECK_SIM_PORT:-25290}
. bench/lib.sh
bench_init
jar=$(realpath "${1:-target/vfbridge.jar}")
db="vfbridge_compose_$(date +%Y%m%d%H%M%S)_$$"
bench_fresh_db "$db"

# what the Dockerfile and the compose file say, as shell assignments
eval "$(python3 - "$db" "$SIM_PORT" <<'PY'
import json, re, shlex, sys
import yaml
db, sim_port = sys.argv[1], sys.argv[2]
dockerfile = open("Dockerfile").read().replace("\\\n", " ")
extract = re.search(r"(java -Djarmode=tools -jar \S+ extract [^&\n]*?--destination \S+)", dockerfile).group(1)
entrypoint = json.loads(re.search(r"^ENTRYPOINT (\[.*\])\s*$", dockerfile, re.M).group(1))
layers = re.findall(r"^COPY --from=build /extracted/(\S+)/ \./", dockerfile, re.M)
healthcheck = json.loads(re.search(r"^HEALTHCHECK .*CMD (\[.*\])\s*$", dockerfile, re.M).group(1))
image_env = dict(re.findall(r"^ENV (\w+)=(\S+)", dockerfile, re.M))
compose = yaml.safe_load(open("docker-compose.yml"))
def expand(value):
    return re.sub(r"\$\{\w+:-([^}]*)\}", lambda m: m.group(1), str(value))
def local(value):
    value = value.replace("postgres:5432/vfbridge", f"127.0.0.1:5432/{db}")
    return value.replace("simulator:8090", f"127.0.0.1:{sim_port}")
app_env = {k: local(expand(v)) for k, v in compose["services"]["vfbridge"]["environment"].items()}
app_env["SPRING_DATASOURCE_USERNAME"] = "postgres"    # the machine's PostgreSQL trusts postgres on loopback
app_env.pop("SPRING_DATASOURCE_PASSWORD")
sim = compose["services"]["simulator"]
print("extract_command=" + shlex.quote(extract))
print("entrypoint=(" + " ".join(shlex.quote(a) for a in entrypoint) + ")")
print("layers=(" + " ".join(shlex.quote(l) for l in layers) + ")")
print("image_healthcheck=" + shlex.quote(healthcheck[0]))
print("image_env=(" + " ".join(shlex.quote(f"{k}={v}") for k, v in image_env.items()) + ")")
print("sim_command=(" + " ".join(shlex.quote(a) for a in sim["command"]) + ")")
print("sim_health_args=(" + " ".join(shlex.quote(a) for a in sim["healthcheck"]["test"][2:]) + ")")
print("app_env=(" + " ".join(shlex.quote(f"{k}={v}") for k, v in app_env.items()) + ")")
PY
)"

# 1. the layers, as the image has them
build=$bench_work/build
app=$bench_work/app
mkdir -p "$build/target" "$app"
cp "$jar" "$build/target/vfbridge.jar"
extract_command=${extract_command//\/extracted/$bench_work/extracted}
(cd "$build" && eval "$extract_command") >/dev/null
for layer in "${layers[@]}"; do cp -a "$bench_work/extracted/$layer/." "$app/"; done
[ "$image_healthcheck" = vfbridge-healthcheck ] || { echo "compose-check: unexpected HEALTHCHECK $image_healthcheck"; exit 1; }

# 2 and 3. the two services of the image
bench_start simulator "$bench_work/simulator.log" bash -c 'cd "$1" && shift && exec env "$@"' _ "$app" \
  "${image_env[@]}" SERVER_PORT="$SIM_PORT" "${entrypoint[@]}" "${sim_command[@]}"
bench_start vfbridge "$bench_work/vfbridge.log" bash -c 'cd "$1" && shift && exec env "$@"' _ "$app" \
  "${image_env[@]}" "${app_env[@]}" SERVER_PORT="$APP_PORT" "${entrypoint[@]}"

healthy() { # port [path]: the image's health check script, as Docker runs it
  local port=$1
  shift
  for _ in $(seq 1 180); do
    SERVER_PORT=$port bash docker/healthcheck.sh "$@" 2>/dev/null && return 0
    sleep 1
  done
  echo "compose-check: not healthy on port $port"; tail -40 "$bench_work"/*.log; return 1
}
healthy "$SIM_PORT" "${sim_health_args[@]}"
healthy "$APP_PORT"
# the prod profile logs ECS JSON, where the profile's quotes are escaped
grep -qE 'The following 1 profile is active: \\?"prod\\?"' "$bench_work/vfbridge.log" \
  || { echo "compose-check: vfbridge did not run the prod profile"; tail -40 "$bench_work/vfbridge.log"; exit 1; }

# 4. a first event through the stack, as the README shows it
VFBRIDGE_CREDENTIALS=docker/example-credentials.properties SIMULATOR_URL="http://127.0.0.1:$SIM_PORT" \
  SIMULATOR_TOKEN=sim-token bash scripts/send-sample-event.sh "$APP_PORT" >"$bench_work/sample.out" 2>&1 \
  || { cat "$bench_work/sample.out"; tail -40 "$bench_work/vfbridge.log"; echo "compose-check: the sample event failed"; exit 1; }
grep -q 'holds 1 server(s)' "$bench_work/sample.out" || { cat "$bench_work/sample.out"; exit 1; }
grep -q "The simulator's new server" "$bench_work/sample.out" || { cat "$bench_work/sample.out"; exit 1; }
echo "compose-check: Dockerfile layers + entrypoint, compose services and health checks, sample event OK"
