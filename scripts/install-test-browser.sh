#!/usr/bin/env bash
# Installs Debian's headless Chromium and its chromedriver for OperatorPageIntegrationTests, when
# missing. Needs root (CI runs as root); without root it only says what it would have done, and the
# browser test skips itself.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "test browser: $(chromium --version 2>/dev/null || echo chromium) and chromedriver already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "test browser: chromium/chromedriver missing and not root; the operator page browser test will be skipped" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Another apt run (a parallel job) may hold the lock: wait for it instead of failing.
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium chromium-driver
echo "test browser: installed $(chromium --version 2>/dev/null || echo chromium)"
