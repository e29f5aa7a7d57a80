#!/usr/bin/env bash
# Runs the benchmark for each store and appends the rows to bench/target/results.md.
#   bash bench/run.sh                 # h2 mysql postgres redis, default cases, concurrency 20, 10 s per case
#   bash bench/run.sh mysql redis     # some stores only
#   BENCH_ARGS="--bench.concurrency=40 --bench.duration=20s" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh
mvn -B -ntp -q -pl bench -am package -Dmaven.test.skip=true

stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(h2 mysql postgres redis)
out=bench/target/results.md
echo "| store | case | concurrency | global TPS | p50 ms | p99 ms | store round trips per trans (Redis: script calls) | errors |" > "$out"
echo "|---|---|---|---|---|---|---|---|" >> "$out"
for store in "${stores[@]}"; do
  rm -rf bench/target/bench-data
  cases="--bench.cases=direct0,saga0,direct2,saga2,sagab2,direct10,saga10,sagab10,tcc2,msg2,empty,floor"
  if [ "$store" = redis ]; then
    cases="--bench.cases=direct0,saga0,empty,floor"
  fi
  java -Xms1g -Xmx1g -jar bench/target/dtm-bench-0.1.0-SNAPSHOT.jar --bench.store="$store" $cases \
    --bench.output="$out" ${BENCH_ARGS:-} | grep -E '^\||^ratio'
done
echo "results: $out"
