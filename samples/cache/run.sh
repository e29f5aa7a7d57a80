#!/usr/bin/env bash
# The cache sample's proofs: readers and writers racing on one product through the embedded coordinator (no read
# that starts after a mark-deleted returns an older price), the stale write-back race step by step (Spring's plain
# RedisCache keeps the old price, the consistent cache refuses it) and the anomaly matrix of a price update.
#
#   bash samples/cache/run.sh
#
# Needs Redis on 127.0.0.1:6379 (scripts/services.sh starts it). Exits 0 when every test passes.
set -euo pipefail
cd "$(dirname "$0")/../.."
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

bash scripts/services.sh >/dev/null
${MVN:-mvn} -B -ntp -q -pl samples/cache -am test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='CacheRaceTests,StaleWriteBackTests,PriceUpdateUnderFaultsTests'
grep -h 'cache race:' samples/cache/target/surefire-reports/*-output.txt 2>/dev/null || true
