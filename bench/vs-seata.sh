#!/usr/bin/env bash
# TCC with two empty branches, Seata 2.0.0's TC (db store) and ours side by side on the same MariaDB, alternating
# A B A B in one session. Seata's side is the peer kit in ../shared/peers/seata (plain-Java client: begin, two
# @LocalTCC registrations, commit; the TC runs both confirms); ours is the bench case tcc0 with the coordinator in
# its own JVM (bench/run.sh --separate-coordinator), so both coordinators run as a process of their own.
#   bash bench/vs-seata.sh                 # 2 rounds, 20 clients, 60 s warm-up, 30 s measured
#   ROUNDS=1 SECONDS_=5 WARMUP=2 bash bench/vs-seata.sh   # a short smoke (4 s warm-up)
# Rows go to bench/target/vs-seata.md; each Seata round starts its TC on fresh tables (its db store deletes
# finished sessions only minutes later), each of ours a fresh coordinator. Each side warms up for 2 x WARMUP s
# before it is measured (ours runs its case once for the JIT and once before the measurement; the kit is given the
# same total): a JVM that has just started is still compiling its paths for tens of seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
kit=${SEATA_KIT:-}
if [ -z "$kit" ]; then
  for candidate in "$root/../shared/peers/seata" /work/shared/peers/seata; do
    if [ -d "$candidate" ]; then kit=$candidate; break; fi
  done
fi
rounds=${ROUNDS:-2}
threads=${THREADS:-20}
secs=${SECONDS_:-30}
warmup=${WARMUP:-30}

if [ -z "$kit" ] || [ ! -d "$kit" ]; then
  echo "the Seata peer kit was not found (../shared/peers/seata beside the repository; or set SEATA_KIT)" >&2
  exit 2
fi
bash scripts/services.sh
work=$(mktemp -d)
cp -r "$kit" "$work/seata"
seata=$work/seata
seata_pid=""
cleanup() {
  if [ -n "$seata_pid" ]; then kill "$seata_pid" 2>/dev/null || true; fi
  mariadb -uroot -e "DROP DATABASE IF EXISTS seata" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "[vs-seata] fetching Seata's TC and client from Maven Central"
(cd "$seata/server" && mvn -q -B -ntp dependency:copy-dependencies -DoutputDirectory=lib)
(cd "$seata/bench" && mvn -q -B -ntp compile dependency:build-classpath -Dmdep.outputFile=cp.txt)
mariadb -uroot -e "CREATE USER IF NOT EXISTS 'seata'@'localhost' IDENTIFIED BY 'seata';
  CREATE USER IF NOT EXISTS 'seata'@'127.0.0.1' IDENTIFIED BY 'seata';
  GRANT ALL ON seata.* TO 'seata'@'localhost'; GRANT ALL ON seata.* TO 'seata'@'127.0.0.1'; FLUSH PRIVILEGES"
mvn -B -ntp -q -pl bench -am package -Dmaven.test.skip=true

out=bench/target/vs-seata.md
echo "| round | coordinator | tx/s | p50 ms | p99 ms | coordinator CPU ms/trans | database CPU ms/trans |" > "$out"
echo "|---|---|---|---|---|---|---|" >> "$out"

run_seata() {
  local round=$1
  mariadb -uroot < "$seata/server/mysql-server-schema.sql"
  seata_pid=$(SEATA_LOG_LEVEL=WARN SEATA_DIR="$seata" "$seata/server/start-server.sh" db)
  for _ in $(seq 1 90); do ss -ltn | grep -q ':8091 ' && break; sleep 1; done
  ss -ltn | grep -q ':8091 ' || { echo "Seata's TC did not start; its log:" >&2; tail -20 "$seata/server/logs/stdout-db.log" >&2; exit 1; }
  mkdir -p "$seata/results"
  (cd "$seata" && SEATA_DIR="$seata" ./run-bench.sh "seata-$round" "$threads" "$secs" "$((2 * warmup))" > /dev/null)
  local r
  r=$(grep '^RESULT' "$seata/results/seata-$round.txt")
  local cpu
  cpu=$(grep '^CPU' "$seata/results/seata-$round.txt")
  echo "[vs-seata] round $round Seata: $r"
  echo "[vs-seata]   $cpu"
  local tps p50 p99
  tps=$(sed -E 's/.* tps=([0-9.]+).*/\1/' <<< "$r")
  p50=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<< "$r")
  p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<< "$r")
  local tc_ms db_ms
  tc_ms=$(per_trans "$cpu" seata-server "$tps")
  db_ms=$(per_trans "$cpu" mariadbd "$tps")
  echo "| $round | Seata 2.0.0 TC (db store) | $tps | $p50 | $p99 | $tc_ms | $db_ms |" >> "$out"
  kill "$seata_pid"
  while kill -0 "$seata_pid" 2>/dev/null; do sleep 1; done
  seata_pid=""
}

# the kit's client prints the CPU of each watched process over the window in % of one core: "CPU seata-server=91% ..."
per_trans() {
  local line=$1 name=$2 tps=$3
  local pct
  pct=$(grep -oE "$name=[0-9.]+%" <<< "$line" | head -1 | grep -oE '[0-9.]+' || true)
  if [ -z "$pct" ] || [ -z "$tps" ]; then echo "-"; return; fi
  awk -v p="$pct" -v t="$tps" 'BEGIN { printf "%.2f", p * 10 / t }'
}

run_ours() {
  local round=$1
  BENCH_CASES=tcc0 BENCH_ARGS="--bench.concurrency=$threads --bench.duration=${secs}s --bench.warmup=${warmup}s --bench.jit-warmup=0s" \
    bash bench/run.sh --separate-coordinator mysql > bench/target/vs-seata-ours-$round.log 2>&1 \
    || { tail -25 bench/target/vs-seata-ours-$round.log >&2; exit 1; }
  local row
  row=$(grep -E '^\| mysql \| tcc0 ' bench/target/results.md | tail -1)
  echo "[vs-seata] round $round ours: $row"
  # | store | case | concurrency | TPS | p50 | p99 | round trips | bench CPU | database CPU | coordinator CPU | errors |
  awk -F'|' -v r="$round" '{ gsub(/ /, ""); printf "| %s | ours (tcc0, separate coordinator) | %s | %s | %s | %s | %s |\n", r, $5, $6, $7, $11, $10 }' \
    <<< "$row" >> "$out"
}

for round in $(seq 1 "$rounds"); do
  run_seata "$round"
  run_ours "$round"
done
cat "$out"
