#!/usr/bin/env bash
# The whole test suite: starts the databases and RabbitMQ, builds every module and runs its tests (embedded H2 store), then
# runs the coordinator's scenario tests again against MariaDB, PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh

# the MariaDB account services.sh creates (root may be refused over TCP)
export DTM_TEST_MYSQL_USER=dtm DTM_TEST_MYSQL_PASSWORD=dtm
MVN="mvn -B -ntp"

$MVN install

for store in mysql postgres redis; do
  echo "== coordinator scenarios on $store =="
  $MVN -pl dtm-coordinator-embedded surefire:test -Ddtm.test.store=$store \
    -Dtest='io.dtm.coordinator.scenario.**.*Tests'
done
