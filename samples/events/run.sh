#!/usr/bin/env bash
# The events sample's proofs against the RabbitMQ on 127.0.0.1:5672: an order committed before the service stopped
# is published once after its restart, a rolled-back order publishes nothing, a broker restart in the middle of a
# run loses no event and bills none twice, a second copy of an event is billed once, and the anomaly matrix of the
# publish call.
#
#   bash samples/events/run.sh
#
# Starts RabbitMQ and the databases through scripts/services.sh when they are down. Exits 0 when every test passes.
set -euo pipefail
cd "$(dirname "$0")/../.."
for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

bash scripts/services.sh >/dev/null
${MVN:-mvn} -B -ntp -q -pl samples/events -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='Events*Tests'
