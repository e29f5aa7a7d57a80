#!/usr/bin/env bash
# Runs the benchmark for each store and appends the rows to bench/target/results.md.
#   bash bench/run.sh                 # h2 mysql postgres redis, default cases, concurrency 20, 10 s per case
#   bash bench/run.sh mysql redis     # some stores only
#   BENCH_ARGS="--bench.concurrency=40 --bench.duration=20s" bash bench/run.sh
#   bash bench/run.sh --smoke         # (or BENCH_SMOKE=1) every case on H2 for 1 s; exits non-zero if a case
#                                     # has errors or completes no transaction; rows in bench/target/smoke-results.md
set -euo pipefail
cd "$(dirname "$0")/.."

case "${BENCH_SMOKE:-}" in ""|0) smoke="" ;; *) smoke=1 ;; esac
stores=()
for arg in "$@"; do
  if [ "$arg" = --smoke ]; then smoke=1; else stores+=("$arg"); fi
done
if [ ${#stores[@]} -eq 0 ]; then
  if [ -n "$smoke" ]; then stores=(h2); else stores=(h2 mysql postgres redis); fi
fi

# H2 needs no database server
for store in "${stores[@]}"; do
  if [ "$store" != h2 ]; then bash scripts/services.sh; break; fi
done
mvn -B -ntp -q -pl bench -am package -Dmaven.test.skip=true

out=bench/target/results.md
extra=()
if [ -n "$smoke" ]; then
  out=bench/target/smoke-results.md
  # system properties, so that --bench.* in BENCH_ARGS can override them
  extra=(-Dbench.warmup=500ms -Dbench.duration=1s -Dbench.strict=true)
fi
echo "| store | case | concurrency | global TPS | p50 ms | p99 ms | store round trips per trans (Redis: script calls) | bench CPU ms/trans | database CPU ms/trans | coordinator CPU ms/trans | errors |" > "$out"
echo "|---|---|---|---|---|---|---|---|---|---|---|" >> "$out"
for store in "${stores[@]}"; do
  rm -rf bench/target/bench-data
  cases="--bench.cases=direct0,saga0,direct2,saga2,sagab2,direct10,saga10,sagab10,tcc2,msg2,atcc0,asaga2,empty,floor"
  if [ "$store" = redis ]; then
    cases="--bench.cases=direct0,saga0,empty,floor"
  fi
  log=bench/target/bench-$store.log
  # the full output goes to $log; the rows to the terminal
  if ! java -Xms1g -Xmx1g "${extra[@]}" -jar bench/target/dtm-bench-0.1.0-SNAPSHOT.jar --bench.store="$store" \
      $cases --bench.output="$out" ${BENCH_ARGS:-} | tee "$log" | grep -E '^\||^ratio'; then
    echo "bench on $store failed; the end of $log:" >&2
    tail -n 25 "$log" >&2
    exit 1
  fi
done
echo "results: $out"
