#!/usr/bin/env bash
# Runs the benchmark for each store and appends the rows to bench/target/results.md.
#   bash bench/run.sh                 # h2 mysql postgres redis, default cases, concurrency 20, 10 s per case
#   bash bench/run.sh mysql redis     # some stores only
#   BENCH_ARGS="--bench.concurrency=40 --bench.duration=20s" bash bench/run.sh
#   BENCH_CASES=tcc0,tcc2 bash bench/run.sh mysql   # other cases than the default list
#   bash bench/run.sh --smoke         # (or BENCH_SMOKE=1) every case on H2 for 1 s; exits non-zero if a case
#                                     # has errors or completes no transaction; rows in bench/target/smoke-results.md
#   bash bench/run.sh --separate-coordinator mysql
#                                     # the coordinator in its own JVM (the standalone exec jar) on the store,
#                                     # its CPU per transaction in its own column; mysql, postgres or redis;
#                                     # COORDINATOR_ARGS="--dtm.coordinator.store.jdbc.max-pool-size=20" adds
#                                     # arguments to it
#   BENCH_ARGS="--bench.rate=200" bash bench/run.sh --separate-coordinator mysql
#                                     # each case measured again at 200 tx/s (open loop, row "case @200/s"),
#                                     # then the separate coordinator's RSS and heap after GC ("memory ..." lines)
set -euo pipefail
cd "$(dirname "$0")/.."

case "${BENCH_SMOKE:-}" in ""|0) smoke="" ;; *) smoke=1 ;; esac
separate=""
stores=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=1 ;;
    --separate-coordinator) separate=1 ;;
    *) stores+=("$arg") ;;
  esac
done
if [ ${#stores[@]} -eq 0 ]; then
  if [ -n "$smoke" ]; then stores=(h2); else stores=(h2 mysql postgres redis); fi
fi
if [ -n "$separate" ]; then
  for store in "${stores[@]}"; do
    case "$store" in mysql|postgres|redis) ;; *)
      echo "a separate coordinator needs a database server to share with the bench: mysql, postgres or redis" >&2
      exit 2 ;;
    esac
  done
fi

# H2 needs no database server
for store in "${stores[@]}"; do
  if [ "$store" != h2 ]; then bash scripts/services.sh; break; fi
done
# builds the coordinator's standalone exec jar too
mvn -B -ntp -q -pl bench,dtm-coordinator-server -am package -Dmaven.test.skip=true

# the coordinator's standalone server
coordinator_jar=dtm-coordinator-server/target/dtm-coordinator-server-0.1.0-SNAPSHOT-exec.jar
coordinator_pid=""
stop_coordinator() {
  if [ -n "$coordinator_pid" ]; then
    kill "$coordinator_pid" 2>/dev/null || true
    wait "$coordinator_pid" 2>/dev/null || true
    coordinator_pid=""
  fi
}
trap stop_coordinator EXIT

# Starts the standalone coordinator on the store the bench uses (the URLs of StoreConnections), with its pool
# and log level as the embedded one has them in the bench; sets coordinator_pid and coordinator_url.
start_coordinator() {
  local store=$1 port log=bench/target/coordinator-$1.log
  local env=(DTM_COORDINATOR_STORE_TYPE="$store" DTM_COORDINATOR_STORE_JDBC_INITIALIZE_SCHEMA=always
    DTM_COORDINATOR_STORE_JDBC_MAX_POOL_SIZE=40 LOGGING_LEVEL_IO_DTM=warn SERVER_TOMCAT_THREADS_MAX=200
    MANAGEMENT_SERVER_PORT=0)
  case "$store" in
    mysql) env+=(DTM_COORDINATOR_STORE_JDBC_URL="jdbc:mariadb://127.0.0.1:3306/dtm_bench?createDatabaseIfNotExist=true"
      DTM_COORDINATOR_STORE_JDBC_USERNAME=dtm DTM_COORDINATOR_STORE_JDBC_PASSWORD=dtm) ;;
    postgres)
      psql -h 127.0.0.1 -U postgres -d test -qc 'CREATE SCHEMA IF NOT EXISTS dtm_bench'
      env+=(DTM_COORDINATOR_STORE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=dtm_bench"
        DTM_COORDINATOR_STORE_JDBC_USERNAME=postgres) ;;
    redis) env+=(DTM_COORDINATOR_STORE_REDIS_URL=redis://127.0.0.1:6379) ;;
  esac
  local t0
  t0=$(date +%s.%N)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  env "${env[@]}" java -Xms1g -Xmx1g -jar "$coordinator_jar" \
    --server.port="$port" ${COORDINATOR_ARGS:-} > "$log" 2>&1 &
  coordinator_pid=$!
  coordinator_url=http://127.0.0.1:$port/api/dtmsvr
  for _ in $(seq 1 450); do
    if curl -sf "http://127.0.0.1:$port/api/ping" > /dev/null; then
      echo "coordinator ready after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
      return 0
    fi
    if ! kill -0 "$coordinator_pid" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "the coordinator on $store did not start; the end of $log:" >&2
  tail -n 25 "$log" >&2
  exit 1
}

out=bench/target/results.md
extra=()
if [ -n "$smoke" ]; then
  out=bench/target/smoke-results.md
  # system properties, so that --bench.* in BENCH_ARGS can override them
  extra=(-Dbench.warmup=500ms -Dbench.jit-warmup=0s -Dbench.duration=1s -Dbench.strict=true)
fi
echo "| store | case | concurrency | global TPS | p50 ms | p99 ms | store round trips per trans (Redis: script calls) | bench CPU ms/trans | database CPU ms/trans | coordinator CPU ms/trans | errors |" > "$out"
echo "|---|---|---|---|---|---|---|---|---|---|---|" >> "$out"
for store in "${stores[@]}"; do
  rm -rf bench/target/bench-data
  cases="--bench.cases=direct0,saga0,direct2,saga2,sagab2,direct10,saga10,sagab10,tcc2,msg2,atcc0,asaga2,empty,floor"
  if [ "$store" = redis ]; then
    cases="--bench.cases=direct0,saga0,empty,floor"
  fi
  if [ -n "${BENCH_CASES:-}" ]; then
    cases="--bench.cases=$BENCH_CASES"
  fi
  coordinator=()
  if [ -n "$separate" ]; then
    start_coordinator "$store"
    coordinator=(--bench.coordinator-url="$coordinator_url" --bench.coordinator-pid="$coordinator_pid")
  fi
  log=bench/target/bench-$store.log
  # the full output goes to $log; the rows to the terminal
  if ! java -Xms1g -Xmx1g "${extra[@]}" -jar bench/target/dtm-bench-0.1.0-SNAPSHOT.jar --bench.store="$store" \
      $cases "${coordinator[@]}" --bench.output="$out" ${BENCH_ARGS:-} | tee "$log" | grep -E '^\||^ratio|^memory'; then
    echo "bench on $store failed; the end of $log:" >&2
    tail -n 25 "$log" >&2
    exit 1
  fi
  stop_coordinator
done
echo "results: $out"
