#!/usr/bin/env bash
# The PHP suite: php -l over every PHP file, the vendored client in sync, then PHPUnit (the client's
# unit tests, the WHMCS module's contract tests, and its integration tests against the packaged jar
# in its local default with callback.php behind PHP's built-in web server).
#   connectors/run-tests.sh [target/vfbridge.jar]
# Without php or phpunit on the PATH it says so and stops (exit 0). Everything it starts is stopped
# on exit; the jar gets START_SECONDS (240) to become ready, PHPUnit SUITE_SECONDS (900) in all.
set -euo pipefail
if ! command -v php >/dev/null || ! command -v phpunit >/dev/null; then
  echo "connectors: php or phpunit not on the PATH; the PHP suite is skipped (apt-get install php-cli php-curl php-xml php-mbstring phpunit)"
  exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$here/../target/vfbridge.jar}
if [ -f "$jar" ]; then jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar"); fi

count=0
while IFS= read -r file; do
  php -l "$file" >/dev/null || { php -l "$file"; exit 1; }
  count=$((count + 1))
done < <(find "$here" -name '*.php' -not -path '*/vendor/*')
echo "connectors: php -l clean on $count files ($(php -r 'echo PHP_VERSION;'))"
bash "$here/build.sh" --check

work=$(mktemp -d)
jar_pid=""
web_pid=""
stop() {
  for pid in "$web_pid" "$jar_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() { php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'; }
random_key() { php -r "echo '$1', bin2hex(random_bytes(20));"; }
sha() { printf %s "$1" | sha256sum | cut -d' ' -f1; }

if [ -f "$jar" ]; then
  vf_port=$(free_port)
  web_port=$(free_port)
  api_key=$(random_key vfb_whmcs_)
  operator_key=$(random_key vfb_ops_)
  webhook_secret=$(php -r "echo 'whsec_', base64_encode(random_bytes(32));")
  callback_secret=$(php -r "echo 'whsec_', base64_encode(random_bytes(32));")

  # a WHMCS root for callback.php: the module copied in, and an init.php shim recording localAPI calls
  root="$work/whmcs"
  mkdir -p "$root"
  cp -r "$here/whmcs/modules" "$root/"
  cp "$here/whmcs/tests/fixtures/init.php" "$root/init.php"
  cat >"$root/modules/servers/vfbridge/config.php" <<PHP
<?php
return array('callback_secrets' => array('$callback_secret'), 'state_dir' => '$work/callback-ids');
PHP
  VFBRIDGE_LOCALAPI_LOG="$work/localapi.jsonl" php -S "127.0.0.1:$web_port" -t "$root" >"$work/web.log" 2>&1 &
  web_pid=$!

  (cd "$work" && exec java -jar "$jar" --server.port="$vf_port" \
    --vfbridge.local.embedded-database.data-directory="$work/pg" \
    "--vfbridge.billing.webhook-secrets[0]=$webhook_secret" \
    --vfbridge.billing.callback-secret="$callback_secret" \
    --vfbridge.billing.callback-url="http://127.0.0.1:$web_port/modules/servers/vfbridge/callback.php" \
    --vfbridge.security.api-keys.whmcs.sha256="$(sha "$api_key")" \
    --vfbridge.security.api-keys.whmcs.roles=billing,storefront \
    --vfbridge.security.api-keys.ops.sha256="$(sha "$operator_key")" \
    --vfbridge.security.api-keys.ops.roles=operator \
    --vfbridge.simulator.time-scale=60 \
    --vfbridge.usage.enabled=false --vfbridge.reconciliation.enabled=false) >"$work/vfbridge.log" 2>&1 &
  jar_pid=$!
  ready=""
  for _ in $(seq 1 "${START_SECONDS:-240}"); do
    if curl -fs "http://127.0.0.1:$vf_port/actuator/health/readiness" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$jar_pid" 2>/dev/null || break
    sleep 1
  done
  if [ -z "$ready" ]; then
    echo "connectors: vfbridge did not become ready"; tail -40 "$work/vfbridge.log"; exit 1
  fi
  echo "connectors: vfbridge on port $vf_port, callback.php on port $web_port"
  export VFBRIDGE_URL="http://127.0.0.1:$vf_port" VFBRIDGE_API_KEY="$api_key" VFBRIDGE_OPERATOR_KEY="$operator_key" \
    VFBRIDGE_CALLBACK_SECRET="$callback_secret" VFBRIDGE_CALLBACK_URL="http://127.0.0.1:$web_port/modules/servers/vfbridge/callback.php" \
    VFBRIDGE_LOCALAPI_LOG="$work/localapi.jsonl" VFBRIDGE_SIMULATOR_TOKEN=local-simulator-token
else
  echo "connectors: no $jar; the integration tests are skipped (mvn -DskipTests package builds it)"
fi

status=0
timeout "${SUITE_SECONDS:-900}" phpunit --configuration "$here/phpunit.xml" || status=$?
if [ "$status" -ne 0 ] && [ -n "$jar_pid" ]; then
  echo "--- vfbridge log (tail)"; tail -60 "$work/vfbridge.log"
  echo "--- callback.php log (tail)"; tail -20 "$work/web.log"
fi
exit "$status"
