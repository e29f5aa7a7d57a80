#!/usr/bin/env bash
# The whole test suite: starts the databases and RabbitMQ, builds every module on Spring Boot 4.1 and runs its tests
# (embedded H2 store), runs the starter's, test kit's, samples' and coordinator's tests again on Spring Boot 4.0
# (compat/boot-4.0, the last module of the build), then runs the coordinator's scenario tests again against
# MariaDB, PostgreSQL and Redis.
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
