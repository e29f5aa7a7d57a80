-- The PostgreSQL store's claim on a table of 1,000,000 finished and 10,000 due transactions, fresh, after the
-- poller's own updates (9,000 claims and finishes, autovacuum off for the table) and after VACUUM:
--   psql -h 127.0.0.1 -U postgres -d test -q -f bench/pg-claim-churn.sql
-- Works in the schema dtm_pgclaim, dropped at the end; about 10 s.
\set ON_ERROR_STOP on
DROP SCHEMA IF EXISTS dtm_pgclaim CASCADE; CREATE SCHEMA dtm_pgclaim; SET search_path = dtm_pgclaim;
\ir ../dtm-coordinator-store-jdbc/src/main/resources/io/dtm/coordinator/store/jdbc/schema-postgres.sql
ALTER TABLE trans_global SET (autovacuum_enabled = false);
INSERT INTO trans_global (gid, trans_type, status, protocol, query_prepared, create_time, update_time, finish_time, next_cron_interval, next_cron_time, owner)
  SELECT 'f' || g, 'saga', 'succeed', 'http', '', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day', 10, now() - interval '1 day', '' FROM generate_series(1, 1000000) g;
INSERT INTO trans_global (gid, trans_type, status, protocol, query_prepared, create_time, update_time, next_cron_interval, next_cron_time, owner)
  SELECT 'd' || g, 'saga', 'submitted', 'http', '', now() - interval '1 hour', now() - interval '1 hour', 10, now() - interval '1 minute' + g * interval '1 millisecond', '' FROM generate_series(1, 10000) g;
ANALYZE trans_global;
\echo == fresh: 1M finished, 10k due
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) SELECT id FROM trans_global WHERE next_cron_time < now() AND status IN ('prepared','aborting','submitted') ORDER BY next_cron_time LIMIT 1 FOR UPDATE SKIP LOCKED;
\echo == after the poller claimed and finished 9,000 of them, one by one (each claim an update, each finish another)
DO $$ DECLARE i int; r bigint; BEGIN FOR i IN 1..9000 LOOP
  UPDATE trans_global SET owner = 'p', next_cron_time = now() + interval '10 seconds' WHERE id = (SELECT id FROM trans_global WHERE next_cron_time < now() AND status IN ('prepared','aborting','submitted') ORDER BY next_cron_time LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id INTO r;
  UPDATE trans_global SET status = 'succeed', finish_time = now() WHERE id = r;
END LOOP; END $$;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) SELECT id FROM trans_global WHERE next_cron_time < now() AND status IN ('prepared','aborting','submitted') ORDER BY next_cron_time LIMIT 1 FOR UPDATE SKIP LOCKED;
\echo == after VACUUM
VACUUM trans_global;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) SELECT id FROM trans_global WHERE next_cron_time < now() AND status IN ('prepared','aborting','submitted') ORDER BY next_cron_time LIMIT 1 FOR UPDATE SKIP LOCKED;
RESET search_path;
DROP SCHEMA dtm_pgclaim CASCADE;
