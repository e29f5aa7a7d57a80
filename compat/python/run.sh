#!/usr/bin/env bash
# Runs dtm's official Python SDK (PyPI dtmcli, pinned in requirements.txt) against the standalone coordinator:
# makes compat/python/.venv if missing and installs requirements.txt into it, builds the coordinator jar if
# missing, starts it on a free 127.0.0.1 port with an in-memory H2 store and short timeouts, runs scenarios.py,
# stops the coordinator. Exits with the scenarios' status. Bounded by COMPAT_TIMEOUT (default 300 s).
#
# dtmcli comes from the package index pip is set up with; where that has no dtmcli, point pip at a directory
# holding a dtmcli 1.7.7.0 wheel with pip's own variable, e.g. PIP_FIND_LINKS=/path/to/wheels.
# With MariaDB/MySQL reachable as dtm/dtm on 127.0.0.1:3306 (scripts/services.sh makes that user) the
# dtmcli.barrier scenarios run too (database dtm_barrier, which dtmcli's SQL names); DTM_PY_MYSQL=off skips them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ -z "${COMPAT_INNER:-}" ]; then
  COMPAT_INNER=1 exec timeout --kill-after=10 "${COMPAT_TIMEOUT:-300}" bash "$0" "$@"
fi

log() { echo "[compat-python] $*" >&2; }

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  log "creating $venv"
  python3 -m venv "$venv"
fi
# pip runs when the venv is new or requirements.txt changed; its output is shown only if it fails
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "pip install -r requirements.txt"
  if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/requirements.txt" \
      >"$venv/pip.log" 2>&1; then
    tail -n 30 "$venv/pip.log" >&2
    log "pip install failed (no dtmcli on the package index? see the note at the top of run.sh)"
    exit 1
  fi
  echo "$want" >"$stamp"
fi
log "dtmcli $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("dtmcli"))')"

jar="$root/dtm-coordinator-server/target/dtm-coordinator-server-0.1.0-SNAPSHOT-exec.jar"
if [ ! -f "$jar" ]; then
  log "building the coordinator jar"
  (cd "$root" && mvn -B -ntp -q -pl dtm-coordinator-server -am package -DskipTests)
fi

port=$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
work=$(mktemp -d)
coordinator_pid=""
cleanup() {
  if [ -n "$coordinator_pid" ] && kill -0 "$coordinator_pid" 2>/dev/null; then
    kill "$coordinator_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$coordinator_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$coordinator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting the coordinator on 127.0.0.1:$port (log: $work/coordinator.log while it runs)"
(
  cd "$work"
  exec env SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$port" MANAGEMENT_SERVER_PORT=0 \
    DTM_COORDINATOR_STORE_TYPE=h2 \
    DTM_COORDINATOR_STORE_JDBC_URL="jdbc:h2:mem:compat_py;DB_CLOSE_DELAY=-1" \
    DTM_COORDINATOR_TIMEOUT_TO_FAIL=4s \
    DTM_COORDINATOR_RETRY_INTERVAL=1s \
    DTM_COORDINATOR_CRON_INTERVAL=1s \
    java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$jar"
) >"$work/coordinator.log" 2>&1 &
coordinator_pid=$!

base="http://127.0.0.1:$port"
up=""
for _ in $(seq 1 120); do
  if ! kill -0 "$coordinator_pid" 2>/dev/null; then break; fi
  if curl -fsS -m 2 "$base/api/ping" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.5
done
if [ -z "$up" ]; then
  log "the coordinator did not answer /api/ping; its log:"
  tail -n 50 "$work/coordinator.log" >&2
  exit 1
fi
log "coordinator up"

if [ -z "${DTM_PY_MYSQL:-}" ]; then
  if "$venv/bin/python" -c 'import pymysql; pymysql.connect(host="127.0.0.1", port=3306, user="dtm", password="dtm", connect_timeout=3).close()' 2>/dev/null; then
    export DTM_PY_MYSQL=127.0.0.1:3306:dtm:dtm
  else
    log "no MariaDB as dtm/dtm on 127.0.0.1:3306: the barrier scenarios are not run"
  fi
elif [ "$DTM_PY_MYSQL" = off ]; then
  export DTM_PY_MYSQL=""
fi

status=0
"$venv/bin/python" "$here/scenarios.py" --dtm "$base/api/dtmsvr" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  log "coordinator log (last 40 lines):"
  tail -n 40 "$work/coordinator.log" >&2
fi
exit "$status"
