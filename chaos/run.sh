#!/usr/bin/env bash
# The chaos suite: sagas through K coordinator replicas sharing one store, one of them killed with kill -9 every
# few seconds, against a bank whose handlers refuse, fail before or after their commit, or answer late; then checks
# from the bank's ledger that no money was lost or doubled. See docs/reliability.md.
#
#   bash chaos/run.sh [--store mysql|postgres|redis] [--transfers N] [--replicas K] [--kill-every 10s]
#                     [--timeout-to-fail 3|0] [--seed S] [--concurrency C] [--max-time 900s] ...
#
# Exit code 0: no violation; 1: violations (listed, with ledger rows and coordinator status); 2: setup failure or
# the run exceeded --max-time. The summary row is appended to chaos/target/results.md; coordinator and bank logs
# go to chaos/target/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

for arg in "$@"; do
  if [ "$arg" = "-h" ] || [ "$arg" = "--help" ]; then sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
done

bash scripts/services.sh >/dev/null

# Only the coordinator's exec jar and this module, from the reactor: never SNAPSHOT jars from ~/.m2.
mkdir -p chaos/target
if ! mvn -B -ntp -q -pl dtm-coordinator-server,chaos -am package -DskipTests > chaos/target/build.log 2>&1; then
  cat chaos/target/build.log; echo "[chaos] build failed"; exit 2
fi

pids=chaos/target/coordinators.pids
cleanup() {
  # the driver kills its coordinators on exit; this covers a driver that was itself killed
  [ -f "$pids" ] || return 0
  while read -r pid; do
    if [ -n "$pid" ] && grep -qs dtm-coordinator-server "/proc/$pid/cmdline"; then kill -9 "$pid" 2>/dev/null || true; fi
  done < "$pids"
}
trap cleanup EXIT

java -Xms256m -Xmx1g -jar chaos/target/dtm-chaos-0.1.0-SNAPSHOT.jar "$@"
