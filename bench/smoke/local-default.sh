#!/usr/bin/env bash
# Starts the packaged jar in its local default (embedded PostgreSQL, built-in simulator) in a
# throwaway working directory, checks it end to end, and stops it. Bounded: gives up after 120 s.
set -euo pipefail
jar=$(realpath "${1:-target/vfbridge.jar}")
repo=$(cd "$(dirname "$0")/../.." && pwd)
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

# nothing configured: the local default generates its development credentials under ./.vfbridge
(cd "$workdir" && exec java -jar "$jar" --server.port="$port") >"$log" 2>&1 &
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
grep -q "scripts/send-sample-event.sh $port" "$log" || fail "the local default did not say how to send a first event"
credentials="$workdir/.vfbridge/dev-credentials.properties"
[ -f "$credentials" ] || fail "no development credentials in $credentials"
prop() { sed -n "s/^$1=//p" "$credentials" | sed 's/\\//g'; }
secret=$(prop webhook-secret)
operator_key=$(prop api-key)
if grep -qF -e "$secret" -e "$operator_key" "$log"; then fail "a development credential reached the log"; fi
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
# a well-formed signature made with another secret is refused as unauthenticated; a malformed one
# (here 3 bytes instead of an HMAC's 32) is refused before any HMAC is computed
forged=$(printf %s "x.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "key:not-the-secret" -binary | base64)
bad=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/events" -H 'Content-Type: application/json' \
  -H "webhook-id: x" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$forged" -d "$body")
[ "$bad" = 401 ] || fail "a forged webhook got HTTP $bad"
bad=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/events" -H 'Content-Type: application/json' \
  -H "webhook-id: x" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,AAAA" -d "$body")
[ "$bad" = 400 ] || fail "a malformed signature got HTTP $bad"

# the whole flow, as a newcomer runs it: the sample script signs a service.create and follows it
(cd "$workdir" && bash "$repo/scripts/send-sample-event.sh" "$port") >"$workdir/sample.out" 2>&1 \
  || { cat "$workdir/sample.out"; fail "the sample event did not provision a server"; }
grep -q '"state":"active"' "$workdir/sample.out" || { cat "$workdir/sample.out"; fail "the sample service is not active"; }
grep -q 'holds 1 server(s)' "$workdir/sample.out" || { cat "$workdir/sample.out"; fail "not exactly one server"; }
grep -q "The simulator's new server" "$workdir/sample.out" || { cat "$workdir/sample.out"; fail "the helper did not show the server"; }
if [ -f bench/smoke/local-default.d/checks.sh ]; then
  # shellcheck source=/dev/null
  . bench/smoke/local-default.d/checks.sh
fi
echo "smoke: local default run OK (port $port)"
