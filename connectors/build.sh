#!/usr/bin/env bash
# Vendors the PHP client (connectors/php/src) into the WHMCS module, so modules/servers/vfbridge
# is self-contained (WHMCS runs no Composer). --check only reports whether the copy is in sync.
set -euo pipefail
cd "$(dirname "$0")"
src=php/src
dest=whmcs/modules/servers/vfbridge/lib/Vfbridge
if [ "${1:-}" = "--check" ]; then
  if diff -r "$src" "$dest" >/dev/null 2>&1; then
    echo "build: the vendored client in $dest is in sync"
  else
    echo "build: $dest differs from $src; run connectors/build.sh and commit the copy" >&2
    diff -r "$src" "$dest" >&2 || true
    exit 1
  fi
  exit 0
fi
rm -rf "$dest"
mkdir -p "$dest"
cp "$src"/*.php "$dest"/
echo "build: vendored $(ls "$src"/*.php | wc -l) files into $dest"
