#!/usr/bin/env bash
# Container health check that needs no curl or wget in the image: GETs a health endpoint of the
# local instance over bash's /dev/tcp and succeeds when it answers 200 with status UP.
#   vfbridge-healthcheck [path]     # default /actuator/health/readiness; port from SERVER_PORT (8080)
set -euo pipefail
path=${1:-/actuator/health/readiness}
port=${SERVER_PORT:-8080}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
answer=$(timeout 5 cat <&3)
exec 3<&-
[[ $answer == "HTTP/1.1 200"* && $answer == *'"status":"UP"'* ]]
