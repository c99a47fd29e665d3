#!/usr/bin/env bash
# Sends a signed sample service.create to a local vfbridge, follows the operation until it finishes,
# and shows the service and the simulator's new server. Uses the development credentials the local
# default run keeps in ./.vfbridge/dev-credentials.properties (run it from where vfbridge runs).
#
#   scripts/send-sample-event.sh [port]          # default port 8080; WAIT_SECONDS (120) to follow
#
# Against docker-compose.yml (the simulator is a service of its own there):
#   VFBRIDGE_CREDENTIALS=docker/example-credentials.properties SIMULATOR_URL=http://127.0.0.1:8090 \
#   SIMULATOR_TOKEN=sim-token scripts/send-sample-event.sh 8080
set -euo pipefail
port=${1:-8080}
base="http://127.0.0.1:$port"
simulator=${SIMULATOR_URL:-$base/simulator}
simulator_token=${SIMULATOR_TOKEN:-local-simulator-token}
file=${VFBRIDGE_CREDENTIALS:-.vfbridge/dev-credentials.properties}
[ -f "$file" ] || { echo "no $file here: start vfbridge with 'mvn spring-boot:run' in this folder first" >&2; exit 1; }

# java.util.Properties escapes '=' and ':' with a backslash
prop() { sed -n "s/^$1=//p" "$file" | sed 's/\\//g'; }
secret=$(prop webhook-secret)
api_key=$(prop api-key)

customer=$((RANDOM * 1000 + RANDOM % 1000 + 1000))
service="sample-$customer"
body="{\"type\":\"service.create\",\"timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"data\":{\"customer\":{\"id\":\"$customer\",\"email\":\"customer$customer@example.com\",\"name\":\"Sample Customer $customer\"},\"service\":{\"id\":\"$service\",\"packageId\":1,\"hypervisorGroupId\":1,\"osTemplateId\":1,\"hostname\":\"$service.example.com\"}}}"
id="msg_sample_$(date +%s%N)"
ts=$(date +%s)
key_hex=$(printf %s "${secret#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \n')
sig=$(printf %s "$id.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)

echo "POST $base/v1/events  (webhook-id: $id)"
echo "$body"
answer=$(curl -s "$base/v1/events" -H 'Content-Type: application/json' \
  -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" -d "$body")
echo "→ $answer"
operation=$(printf %s "$answer" | sed -n 's/.*"operationId":"\([0-9a-f-]*\)".*/\1/p')
[ -n "$operation" ] || exit 1

echo
echo "Following GET $base/v1/operations/$operation ..."
status=""
for _ in $(seq 1 "${WAIT_SECONDS:-120}"); do
  view=$(curl -s "$base/v1/operations/$operation" -H "Authorization: Bearer $api_key")
  status=$(printf %s "$view" | sed -n 's/.*"status":"\([a-z_]*\)".*/\1/p')
  case "$status" in succeeded|failed|dead|needs_attention) break ;; esac
  sleep 1
done
echo "→ $view"
echo
echo "GET $base/v1/services/$service"
service_view=$(curl -s "$base/v1/services/$service" -H "Authorization: Bearer $api_key")
echo "→ $service_view"
server=$(printf %s "$service_view" | sed -n 's/.*"serverId":\([0-9]*\).*/\1/p')
if [ -n "$server" ]; then
  echo
  echo "The simulator's new server: GET $simulator/api/v1/servers/$server"
  echo "→ $(curl -s "$simulator/api/v1/servers/$server" -H "Authorization: Bearer $simulator_token" | cut -c1-400)..."
fi
echo
echo "The simulator now holds $(curl -s "$simulator/_admin/stats" -H "Authorization: Bearer $simulator_token" | sed -n "s/.*\"byOwnerExtRelationId\":{[^}]*\"$customer\":\([0-9]*\).*/\1/p") server(s) for customer $customer."
[ "$status" = succeeded ]
