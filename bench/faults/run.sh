#!/usr/bin/env bash
# The fault campaign: attacks a running vfbridge (the packaged jar, prod-like: no built-in simulator,
# a fresh database on the PostgreSQL at 127.0.0.1:5432) through the standalone simulator, one
# scenario at a time, and audits what billing sent against what VirtFusion holds. See
# bench/faults/README.md.
#
#   bench/faults/run.sh                       # MODE=ci: every scenario but postgres-restart, a few minutes
#   MODE=full bench/faults/run.sh             # more services, longer faults, and a PostgreSQL restart
#   bench/faults/run.sh kill-9 down           # only these scenarios
#
# Environment (optional): MODE (ci|full), SERVICES, FAULT_SECONDS, DOWN_SECONDS,
# DRAIN_TIMEOUT_SECONDS, PORT_BASE (26000: simulator +90, proxy +91, vfbridge +80/+81),
# READY_TIMEOUT_SECONDS (180: how long a vfbridge may take to start), IMPORT_ROWS (500, the import scenario),
# JAVA_HOME (the JDK that runs vfbridge and the simulator), OUT_DIR (logs).
# Loopback only; bounded (CAMPAIGN_TIMEOUT, default 30 min ci / 90 min full); stops everything it
# started and drops its databases. Exit 0 only when every scenario held every invariant.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=${MODE:-ci}
export MODE
[ "$MODE" = ci ] || [ "$MODE" = full ] || { echo "faults: MODE must be ci or full" >&2; exit 2; }
command -v psql >/dev/null || { echo "faults: needs psql on the PATH" >&2; exit 1; }
psql -X -q -At -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null ||
  { echo "faults: PostgreSQL is not reachable at 127.0.0.1:5432 as postgres" >&2; exit 1; }
if [ ! -f target/vfbridge.jar ]; then
  echo "faults: building target/vfbridge.jar"
  timeout 900 mvn -B -o -q -DskipTests package
fi
# a copy of the jar, so a build during the campaign cannot change it under the processes it starts
OUT_DIR=${OUT_DIR:-bench/faults/out/$(date -u +%Y%m%d_%H%M%S)}
export OUT_DIR
mkdir -p "$OUT_DIR"
cp target/vfbridge.jar "$OUT_DIR/vfbridge.jar"
export JAR=$OUT_DIR/vfbridge.jar
limit=${CAMPAIGN_TIMEOUT:-$([ "$MODE" = full ] && echo 5400 || echo 1800)}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
# the campaign program stops its processes in a shutdown hook: TERM first, KILL only if it hangs
rc=0
timeout -k 30 "$limit" "$java" -Xmx256m bench/faults/FaultCampaign.java "$@" || rc=$?
rm -f "$JAR"
exit "$rc"
