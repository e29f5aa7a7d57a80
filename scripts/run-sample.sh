#!/usr/bin/env bash
# Runs dtm's quick start: builds the samples app (and the modules it needs) with Maven, then starts it. The app
# hosts the embedded coordinator, the bank participant and the initiator on port 8081, with H2 in memory (nothing
# to install), transfers 30 from account 1 to account 2 in every mode (success, then TransIn forced to FAILURE),
# prints each transaction's branch calls, final status and balances, and exits: 0 if every transfer ended as
# expected.
#
#   bash scripts/run-sample.sh                                         # H2, embedded coordinator (XA skipped)
#   bash scripts/run-sample.sh --spring.profiles.active=mariadb        # MariaDB at 127.0.0.1:3306, with XA
#   bash scripts/run-sample.sh --spring.profiles.active=postgres       # PostgreSQL at 127.0.0.1:5432, with XA
#   bash scripts/run-sample.sh --spring.profiles.active=standalone     # a coordinator already on :36789
#   bash scripts/run-sample.sh --stay                                  # stay up after the run
#
# Other options: --no-build (run the jar built last time); any --name=value is passed to the app (Spring Boot
# properties, e.g. --server.port=9081 or --samples.modes=saga,tcc). MVN overrides the Maven command (default mvn).
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
app_args=()
for arg in "$@"; do
  case "$arg" in
    --stay) app_args+=("--samples.stay-up=true") ;;
    --no-build) build=false ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) app_args+=("$arg") ;;
  esac
done

jar=samples/target/dtm-samples-0.1.0-SNAPSHOT.jar
if $build; then
  echo "[run-sample] building the samples app (mvn package -pl samples -am, tests skipped)..."
  log=$(mktemp)
  if ! ${MVN:-mvn} -B -ntp -Dstyle.color=never -pl samples -am package -Dmaven.test.skip=true >"$log" 2>&1; then
    grep -E '\[ERROR\]' "$log" | head -40 >&2 || tail -40 "$log" >&2
    echo "[run-sample] the build failed; full log: $log" >&2
    exit 1
  fi
  rm -f "$log"
fi
[ -f "$jar" ] || { echo "[run-sample] $jar is missing: run without --no-build" >&2; exit 1; }

echo "[run-sample] java -jar $jar ${app_args[*]:-}"
exec java -jar "$jar" "${app_args[@]}"
