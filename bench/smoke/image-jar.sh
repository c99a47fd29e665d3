#!/usr/bin/env bash
# Checks the jar the Docker image runs (mvn -Pimage package): it holds no embedded PostgreSQL binaries,
# and started with nothing configured it refuses to start and says to set spring.datasource.url.
set -euo pipefail
jar=$(realpath "${1:-target/vfbridge.jar}")
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

if jar tf "$jar" | grep -E 'embedded-postgres-binaries|postgres-[a-z0-9_-]+\.txz'; then
  echo "image-jar: the jar holds PostgreSQL binaries (build it with -Pimage)"
  exit 1
fi

set +e
(cd "$workdir" && exec timeout 120 java -jar "$jar" --server.port=0) >"$workdir/vfbridge.log" 2>&1
status=$?
set -e
if [ "$status" -eq 0 ] || [ "$status" -eq 124 ]; then
  echo "image-jar: the local default started (or hung) without PostgreSQL binaries (exit $status)"
  tail -30 "$workdir/vfbridge.log"
  exit 1
fi
if ! grep -q 'APPLICATION FAILED TO START' "$workdir/vfbridge.log" \
    || ! grep -q 'set spring.datasource.url' "$workdir/vfbridge.log"; then
  echo "image-jar: the failure does not say to set spring.datasource.url"
  tail -30 "$workdir/vfbridge.log"
  exit 1
fi
echo "image-jar: no PostgreSQL binaries inside; the local default asks for spring.datasource.url"
