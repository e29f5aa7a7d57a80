#!/usr/bin/env bash
# The whole test suite: starts the databases, builds every module and runs its tests (embedded H2 store), then
# runs the coordinator's scenario tests again against MariaDB, PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh

MVN="mvn -B -ntp -Ddtm.test.mysql.user=dtm -Ddtm.test.mysql.password=dtm"

$MVN install

for store in mysql postgres redis; do
  echo "== coordinator scenarios on $store =="
  $MVN -pl dtm-coordinator-embedded surefire:test -Ddtm.test.store=$store \
    -Dtest='io.dtm.coordinator.scenario.**.*Test' -Dsurefire.reportsDirectory=target/surefire-reports-$store
done
