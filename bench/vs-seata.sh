#!/usr/bin/env bash
# Seata 2.0.0's TC (db store) and ours side by side on the same MariaDB, alternating Seata and ours in each round.
# Seata's side: the TC of the peer kit (../shared/peers/seata beside the repository, or SEATA_KIT), driven by the
# client in bench/seata-kit (the kit's TCC client with a fixed-rate window and the TC's memory added), in three
# variants, each on a fresh TC and fresh tables (its db store deletes finished sessions only minutes later):
#   inproc  begin, two in-process @LocalTCC tries, commit (the TC runs both confirms): the kit as published;
#   http    the same, the tries served by a participant process over HTTP (XID in the TX_XID header; the
#           participant registers the branches and the TC drives their confirms there), as deployed;
#   saga    a two-step saga on Seata's state machine engine (empty in-process steps, state log in MariaDB).
# Ours: the bench cases tcc0 (prepare, register + try two empty branches over HTTP, submit, confirms) and saga0 (a
# two-step saga whose steps are HTTP calls running no SQL), with the coordinator in its own JVM
# (bench/run.sh --separate-coordinator), so both coordinators run as a process of their own.
# Each side warms up for 2 x WARMUP s, is measured in a closed loop (THREADS clients, SECONDS_ s), then at a fixed
# arrival rate (RATE tx/s, open loop, RATE_SECONDS s: latency below saturation), and then its coordinator's RSS and
# heap after a full GC are read. Start-up: each coordinator's time from launch to accepting transactions, and the
# bench application's start with and without the embedded coordinator (STARTS times each, the median;
# 3, or 1 for a single round).
#   bash bench/vs-seata.sh                                # 2 rounds, 20 clients, 60 s warm-up, 30 s, 200 tx/s
#   ROUNDS=1 SECONDS_=5 WARMUP=2 bash bench/vs-seata.sh   # a short smoke
# Tables go to bench/target/vs-seata.md; logs to bench/target/vs-seata-*.log.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# the bench application (the standalone coordinator is started by bench/run.sh)
bench_jar=bench/target/dtm-bench-0.1.0-SNAPSHOT.jar
kit=${SEATA_KIT:-$root/../shared/peers/seata}
rounds=${ROUNDS:-2}
threads=${THREADS:-20}
secs=${SECONDS_:-30}
warmup=${WARMUP:-30}
rate=${RATE:-200}
rate_secs=${RATE_SECONDS:-$secs}
# Seata's default: a saga's steps are not registered as branches with the TC (client.rm.sagaBranchRegisterEnable)
saga_branches=${SEATA_SAGA_BRANCH_REGISTER:-false}
starts=${STARTS:-$(( rounds > 1 ? 3 : 1 ))}

if [ ! -d "$kit/server" ]; then
  echo "the Seata peer kit was not found at $kit (../shared/peers/seata beside the repository; or set SEATA_KIT)" >&2
  exit 2
fi
bash scripts/services.sh
work=$(mktemp -d)
cp -r "$kit/server" "$work/server"
chmod -R u+w "$work"
seata_pid=""
participant_pid=""
stop() {
  local pid=$1
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
}
cleanup() {
  stop "$participant_pid"
  stop "$seata_pid"
  mariadb -uroot -e "DROP DATABASE IF EXISTS seata" || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "[vs-seata] fetching Seata's TC and client from Maven Central"
(cd "$work/server" && mvn -q -B -ntp dependency:copy-dependencies -DoutputDirectory=lib)
mvn -q -B -ntp -f bench/seata-kit/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
kit_cp=bench/seata-kit/target/classes:$(cat bench/seata-kit/target/cp.txt)
mariadb -uroot -e "CREATE USER IF NOT EXISTS 'seata'@'localhost' IDENTIFIED BY 'seata';
  CREATE USER IF NOT EXISTS 'seata'@'127.0.0.1' IDENTIFIED BY 'seata';
  GRANT ALL ON seata.* TO 'seata'@'localhost'; GRANT ALL ON seata.* TO 'seata'@'127.0.0.1'; FLUSH PRIVILEGES"
mvn -B -ntp -q -pl bench -am package -Dmaven.test.skip=true
mkdir -p bench/target

loop=$work/loop.md
fixed=$work/fixed.md
startup=$work/startup.md
: > "$loop"
: > "$fixed"
: > "$startup"

# seconds since the epoch, with fractions
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# value of key=NUMBER in a line
kv() { grep -oE "(^| )$2=[0-9.]+" <<< "$1" | head -1 | sed 's/.*=//' || true; }
# CPU of name over a window, "name=91%" in % of one core, as ms per transaction at tps
per_trans() {
  local line=$1 name=$2 tps=$3 pct
  pct=$(grep -oE "(^| )$name=[0-9.]+%" <<< "$line" | head -1 | grep -oE '[0-9.]+' || true)
  if [ -z "$pct" ] || [ -z "$tps" ]; then echo "-"; return; fi
  awk -v p="$pct" -v t="$tps" 'BEGIN { if (t > 0) printf "%.2f", p * 10 / t; else print "-" }'
}
sum2() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.2f", a + b }'; }

start_seata() {
  mariadb -uroot < "$work/server/mysql-server-schema.sql"
  mariadb -uroot < bench/seata-kit/src/main/resources/saga-schema.sql
  local t0 log=$work/server/logs/stdout-db.log
  t0=$(now)
  seata_pid=$(SEATA_LOG_LEVEL=WARN SEATA_DIR="$work" "$work/server/start-server.sh" db)
  for _ in $(seq 1 600); do
    ss -ltn | grep -q ':8091 ' && break
    kill -0 "$seata_pid" 2>/dev/null || break
    sleep 0.2
  done
  ss -ltn | grep -q ':8091 ' || { echo "Seata's TC did not start; its log:" >&2; tail -20 "$log" >&2; exit 1; }
  seata_start_s=$(elapsed "$t0")
}

# one variant on a fresh TC: inproc, http or saga
run_seata() {
  local round=$1 mode=$2 label out db watch
  case "$mode" in
    inproc) label="Seata 2.0.0 TC, TCC, tries in-process (the kit)" ;;
    http) label="Seata 2.0.0 TC, TCC, tries in a participant process over HTTP" ;;
    saga) label="Seata 2.0.0 TC, saga (state machine engine, 2 in-process steps)" ;;
  esac
  start_seata
  echo "| Seata 2.0.0 TC (db store), $mode run of round $round | $seata_start_s |" >> "$startup"
  db=$(pgrep -x mariadbd | head -1)
  watch="seata-server=$seata_pid,mariadbd=$db"
  if [ "$mode" = http ]; then
    java -Xms256m -Xmx256m -cp "$kit_cp" bench.Participant > "bench/target/vs-seata-participant-$round.log" 2>&1 &
    participant_pid=$!
    for _ in $(seq 1 300); do grep -q listening "bench/target/vs-seata-participant-$round.log" && break; sleep 0.2; done
    grep -q listening "bench/target/vs-seata-participant-$round.log" \
      || { echo "the Seata participant did not start:" >&2; tail -20 "bench/target/vs-seata-participant-$round.log" >&2; exit 1; }
    watch="$watch,participant=$participant_pid"
  fi
  out=bench/target/vs-seata-seata-$mode-$round.log
  java -Xms512m -Xmx512m -Dmode="$mode" -Dthreads="$threads" -Dseconds="$secs" -Dwarmup="$((2 * warmup))" \
    -Drate="$rate" -DrateSeconds="$rate_secs" -Dwatch="$watch" -DsagaBranchRegister="$saga_branches" -cp "$kit_cp" bench.Bench 2>&1 \
    | grep -v 'HessianSerializer' > "$out" || { tail -25 "$out" >&2; exit 1; }
  stop "$participant_pid"; participant_pid=""
  stop "$seata_pid"; seata_pid=""
  local r cpu fr fcpu mem
  r=$(grep '^RESULT' "$out" || true)
  cpu=$(grep '^CPU' "$out" || true)
  fr=$(grep '^RATE ' "$out" || true)
  fcpu=$(grep '^RATECPU' "$out" || true)
  mem=$(grep '^MEMORY' "$out" || true)
  if [ -z "$r" ] || [ -z "$fr" ]; then echo "the Seata client ($mode) reported no result:" >&2; tail -25 "$out" >&2; exit 1; fi
  echo "[vs-seata] round $round Seata $mode: $r"
  echo "[vs-seata]   $cpu"
  echo "[vs-seata]   $fr"
  echo "[vs-seata]   $mem"
  local tps ftps client
  tps=$(kv "$r" tps)
  ftps=$(kv "$fr" tps)
  client=$(per_trans "$cpu" bench-client "$tps")
  if [ "$mode" = http ]; then client=$(sum2 "$client" "$(per_trans "$cpu" participant "$tps")"); fi
  if [ "$(kv "$r" committed)" = 0 ] || [ "$(kv "$r" errors)" != 0 ] || [ "$(kv "$r" notCommitted)" != 0 ]; then
    failures+=("Seata $mode, round $round: $r")
  fi
  echo "| $round | $label | $tps | $(kv "$r" p50_ms) | $(kv "$r" p99_ms) | $(per_trans "$cpu" seata-server "$tps") | $(per_trans "$cpu" mariadbd "$tps") | $client | $(kv "$r" errors) |" >> "$loop"
  echo "| $round | $label | $ftps | $(kv "$fr" p50_ms) | $(kv "$fr" p99_ms) | $(per_trans "$fcpu" seata-server "$ftps") | $(kv "$mem" rss_mib) | $(kv "$mem" heap_after_gc_mib) | $(( $(kv "$fr" errors) + $(kv "$fr" missed) )) |" >> "$fixed"
}

run_ours() {
  local round=$1 log=bench/target/vs-seata-ours-$round.log
  BENCH_CASES=tcc0,saga0 BENCH_ARGS="--bench.concurrency=$threads --bench.duration=${secs}s --bench.warmup=${warmup}s --bench.jit-warmup=0s --bench.rate=$rate" \
    bash bench/run.sh --separate-coordinator mysql > "$log" 2>&1 \
    || { tail -25 "$log" >&2; exit 1; }
  local ready
  ready=$(grep -oE 'coordinator ready after [0-9.]+ s' "$log" | grep -oE '[0-9.]+' | head -1 || true)
  echo "| ours, standalone coordinator (exec jar), round $round | ${ready:--} |" >> "$startup"
  local c label row fr mem
  for c in tcc0 saga0; do
    case "$c" in
      tcc0) label="ours, TCC (tcc0: tries over HTTP)" ;;
      saga0) label="ours, saga (saga0: 2 steps over HTTP, no SQL)" ;;
    esac
    row=$(grep -E "^\| mysql \| $c \|" bench/target/results.md | tail -1)
    fr=$(grep -E "^\| mysql \| $c @$rate/s \|" bench/target/results.md | tail -1)
    mem=$(grep -E "^memory $c coordinator" "$log" | tail -1 || true)
    echo "[vs-seata] round $round ours $c: $row"
    echo "[vs-seata]   $fr"
    echo "[vs-seata]   $mem"
    if ! awk -F'|' '{ gsub(/ /, "", $5); gsub(/ /, "", $12); exit !($5 + 0 > 0 && $12 + 0 == 0) }' <<< "$row"; then
      failures+=("ours $c, round $round: $row")
    fi
    # | store | case | concurrency | TPS | p50 | p99 | round trips | bench CPU | database CPU | coordinator CPU | errors |
    awk -F'|' -v r="$round" -v l="$label" '{ for (i = 2; i <= 12; i++) gsub(/ /, "", $i);
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r, l, $5, $6, $7, $11, $10, $9, $12 }' <<< "$row" >> "$loop"
    awk -F'|' -v r="$round" -v l="$label" -v rss="$(kv "$mem" rss_mib)" -v heap="$(kv "$mem" heap_after_gc_mib)" \
      '{ for (i = 2; i <= 12; i++) gsub(/ /, "", $i);
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r, l, $5, $6, $7, $11, rss, heap, $12 }' <<< "$fr" >> "$fixed"
  done
}

# closed-loop windows with errors or no committed transaction (the fixed-rate windows report what they missed)
failures=()
for round in $(seq 1 "$rounds"); do
  for mode in inproc http saga; do run_seata "$round" "$mode"; done
  run_ours "$round"
done

# the bench application (starter, web, bench service, Feign clients) with and without the embedded coordinator on
# MariaDB: its start-up time from the JVM's launch to ready, median of STARTS alternated starts
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'; }
with=()
without=()
for i in $(seq 1 "$starts"); do
  s=$(java -Xms1g -Xmx1g -jar "$bench_jar" --bench.store=mysql --bench.startup-only=true --bench.users=10 \
    | grep -oE 'process_s=[0-9.]+' | sed 's/.*=//')
  with+=("$s")
  s=$(java -Xms1g -Xmx1g -jar "$bench_jar" --bench.store=mysql --bench.startup-only=true --bench.users=10 \
    --bench.coordinator-url=http://127.0.0.1:9/api/dtmsvr | grep -oE 'process_s=[0-9.]+' | sed 's/.*=//')
  without+=("$s")
done
w=$(printf '%s\n' "${with[@]}" | median)
wo=$(printf '%s\n' "${without[@]}" | median)
echo "| the bench application with the embedded coordinator (median of $starts: ${with[*]}) | $w |" >> "$startup"
echo "| the same application without it (median of $starts: ${without[*]}) | $wo |" >> "$startup"
echo "| the embedded coordinator's cost to the application's start-up | $(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%.1f", a - b }') |" >> "$startup"

out=bench/target/vs-seata.md
{
  echo "Closed loop: $threads clients, ${secs} s measured after $((2 * warmup)) s of warm-up; CPU ms per transaction."
  echo
  echo "| round | coordinator, case | tx/s | p50 ms | p99 ms | coordinator CPU ms/trans | MariaDB CPU ms/trans | client side CPU ms/trans | errors |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$loop"
  echo
  echo "Fixed rate: $rate tx/s for ${rate_secs} s (open loop, at most $threads in flight, latency from when each transaction was due); then the coordinator's RSS, and its heap in use after a full GC."
  echo
  echo "| round | coordinator, case | achieved tx/s | p50 ms | p99 ms | coordinator CPU ms/trans | coordinator RSS MiB | heap after GC MiB | errors + missed |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$fixed"
  echo
  echo "Start-up: a coordinator from its launch to accepting transactions (Seata: its RPC port 8091 listening; ours: /api/ping answering), an application from its JVM's launch to ready."
  echo
  echo "| what | seconds |"
  echo "|---|---|"
  cat "$startup"
} > "$out"
cat "$out"
if [ ${#failures[@]} -gt 0 ]; then
  echo "[vs-seata] windows with errors or no committed transaction:" >&2
  printf '  %s\n' "${failures[@]}" >&2
  exit 1
fi
