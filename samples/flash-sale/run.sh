#!/usr/bin/env bash
# The flash sale's load test: buyers at once on a few items whose stock is in Redis, orders in MariaDB, two
# coordinator replicas (JVMs of their own on one MariaDB store) with the one in use killed with SIGKILL during the
# traffic, and the order service failing for a stretch of it. Exits 0 when stock sold = orders created for every
# item, the stock never went below zero and every message finished within the bounded wait.
#
#   bash samples/flash-sale/run.sh            # full: 3000 buyers, 5 items x 400, 2 kills
#   bash samples/flash-sale/run.sh --short    # short (the one in the test suite): 300 buyers, 3 items x 70, 1 kill
#
# Needs MariaDB and Redis on 127.0.0.1 (scripts/services.sh starts them). The figures are printed and written to
# samples/flash-sale/target/flash-sale-load.md; the coordinators' logs are samples/flash-sale/target/*.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

load=full
for arg in "$@"; do
  case "$arg" in
    --short) load=short ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

bash scripts/services.sh >/dev/null
${MVN:-mvn} -B -ntp -q -pl samples/flash-sale -am test -Dtest=FlashSaleLoadTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dflashsale.load="$load"
cat samples/flash-sale/target/flash-sale-load.md
