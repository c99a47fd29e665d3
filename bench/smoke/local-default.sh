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

# a throwaway webhook secret and operator key for this run only
secret="whsec_$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
operator_key="smoke-$(head -c 16 /dev/urandom | xxd -p)"
operator_hash=$(printf %s "$operator_key" | sha256sum | cut -d' ' -f1)

(cd "$workdir" && exec java -jar "$jar" --server.port="$port" \
  "--vfbridge.billing.webhook-secrets[0]=$secret" \
  "--vfbridge.security.api-keys.smoke.sha256=$operator_hash" \
  "--vfbridge.security.api-keys.smoke.roles=operator") >"$log" 2>&1 &
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

# one signed webhook through intake, read back through the operations API
id="msg_smoke_$(date +%s%N)"
ts=$(date +%s)
body='{"type":"service.suspend","timestamp":"2026-11-26T10:00:00Z","data":{"service":{"id":"smoke-1"}}}'
key_hex=$(printf %s "${secret#whsec_}" | base64 -d | xxd -p -c 256)
sig=$(printf %s "$id.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)
answer=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/v1/events" -H 'Content-Type: application/json' \
  -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" -d "$body")
[ "${answer##* }" = 202 ] || fail "the signed webhook was not accepted: $answer"
operation=$(printf %s "$answer" | sed -n 's/.*"operationId":"\([0-9a-f-]*\)".*/\1/p')
[ -n "$operation" ] || fail "no operationId in: $answer"
again=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/events" -H 'Content-Type: application/json' \
  -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" -d "$body")
[ "$again" = 200 ] || fail "a redelivery was not recognised (HTTP $again)"
status=$(curl -fs "http://127.0.0.1:$port/v1/operations/$operation" -H "Authorization: Bearer $operator_key") \
  || fail "operation $operation not readable"
printf %s "$status" | grep -q '"type":"service.suspend"' || fail "unexpected operation: $status"
bad=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/events" -H 'Content-Type: application/json' \
  -H "webhook-id: x" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,AAAA" -d "$body")
[ "$bad" = 401 ] || fail "a forged webhook got HTTP $bad"

# the whole flow: a signed service.create, followed until the simulator holds one built server
signed_post() { # body
  local id="msg_smoke_$(date +%s%N)" ts sig
  ts=$(date +%s)
  sig=$(printf %s "$id.$ts.$1" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)
  curl -s "http://127.0.0.1:$port/v1/events" -H 'Content-Type: application/json' \
    -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" -d "$1"
}
create='{"type":"service.create","timestamp":"2026-11-26T10:00:00Z","data":{"customer":{"id":"4242","email":"smoke@example.com","name":"Smoke Test"},"service":{"id":"smoke-vps-1","packageId":1,"hypervisorGroupId":1,"osTemplateId":1,"hostname":"smoke.example.com"}}}'
created=$(signed_post "$create")
create_op=$(printf %s "$created" | sed -n 's/.*"operationId":"\([0-9a-f-]*\)".*/\1/p')
[ -n "$create_op" ] || fail "service.create not accepted: $created"
state=""
for _ in $(seq 1 90); do
  state=$(curl -fs "http://127.0.0.1:$port/v1/operations/$create_op" -H "Authorization: Bearer $operator_key" \
    | sed -n 's/.*"status":"\([a-z_]*\)".*/\1/p')
  case "$state" in succeeded|failed|dead|needs_attention) break ;; esac
  sleep 1
done
[ "$state" = succeeded ] || fail "service.create ended '$state'"
servers=$(curl -fs "http://127.0.0.1:$port/simulator/_admin/stats" | sed -n 's/.*"byOwnerExtRelationId":{"4242":\([0-9]*\).*/\1/p')
[ "$servers" = 1 ] || fail "the simulator holds '$servers' servers for the customer, not 1"
curl -fs "http://127.0.0.1:$port/v1/services/smoke-vps-1" -H "Authorization: Bearer $operator_key" | grep -q '"state":"active"' \
  || fail "the service is not active"
if [ -f bench/smoke/local-default.d/checks.sh ]; then
  # shellcheck source=/dev/null
  . bench/smoke/local-default.d/checks.sh
fi
echo "smoke: local default run OK (port $port)"
