#!/usr/bin/env bash
# Starts the services the tests use on 127.0.0.1 (PostgreSQL 5432, MariaDB 3306, Redis 6379, RabbitMQ 5672) if they
# are down, creates the MariaDB test user, and fails if one of them is missing.
set -euo pipefail

log() { echo "[services] $*"; }

wait_for() {
  local name=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then log "$name is up"; return 0; fi
    sleep 1
  done
  log "$name did not come up"; return 1
}

# PostgreSQL
if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
  command -v pg_ctlcluster >/dev/null || { log "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
  version=$(ls /etc/postgresql | sort -V | tail -1)
  log "starting PostgreSQL $version"
  mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432
# XA on PostgreSQL (PREPARE TRANSACTION) needs prepared transactions enabled; the setting takes a restart.
if [ "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc 'show max_prepared_transactions')" = "0" ]; then
  log "enabling max_prepared_transactions for XA"
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'ALTER SYSTEM SET max_prepared_transactions = 50'
  version=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  wait_for PostgreSQL pg_isready -h 127.0.0.1 -p 5432
fi

# MariaDB
if ! mysqladmin -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1 && ! mysqladmin ping >/dev/null 2>&1; then
  [ -x /usr/sbin/mariadbd ] || { log "MariaDB is not installed (apt-get install mariadb-server)"; exit 1; }
  log "starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
wait_for MariaDB mysqladmin ping
# A user for the tests over TCP, made through the local socket (root may be refused over TCP).
mysql -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'dtm'@'127.0.0.1' IDENTIFIED BY 'dtm';
CREATE USER IF NOT EXISTS 'dtm'@'localhost' IDENTIFIED BY 'dtm';
GRANT ALL PRIVILEGES ON *.* TO 'dtm'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'dtm'@'localhost' WITH GRANT OPTION;
FLUSH PRIVILEGES;
-- the test suites keep up to 5 application contexts per JVM open, each with its own coordinator store pool
SET GLOBAL max_connections = GREATEST(@@max_connections, 500);
SQL
wait_for "MariaDB over TCP" mysql -h 127.0.0.1 -P 3306 -udtm -pdtm -e 'select 1'

# Redis
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  command -v redis-server >/dev/null || { log "Redis is not installed (apt-get install redis-server)"; exit 1; }
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
wait_for Redis redis-cli -h 127.0.0.1 -p 6379 ping

# RabbitMQ (the events sample publishes to it and restarts it)
rabbit_up() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }
if ! rabbit_up; then
  command -v rabbitmq-server >/dev/null || { log "RabbitMQ is not installed (apt-get install rabbitmq-server)"; exit 1; }
  if rabbitmqctl -q ping >/dev/null 2>&1; then
    # the node runs, its application was stopped (rabbitmqctl stop_app)
    log "starting the RabbitMQ application"
    rabbitmqctl -q start_app
  else
    log "starting RabbitMQ"
    rabbitmq-server -detached
  fi
fi
wait_for RabbitMQ rabbit_up
