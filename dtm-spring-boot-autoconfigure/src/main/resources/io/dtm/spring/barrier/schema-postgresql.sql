CREATE TABLE IF NOT EXISTS ${table} (
  id BIGSERIAL PRIMARY KEY,
  trans_type VARCHAR(45) DEFAULT '',
  gid VARCHAR(128) DEFAULT '',
  branch_id VARCHAR(128) DEFAULT '',
  op VARCHAR(45) DEFAULT '',
  barrier_id VARCHAR(45) DEFAULT '',
  reason VARCHAR(45) DEFAULT '',
  create_time TIMESTAMP(0) WITH TIME ZONE DEFAULT NULL,
  update_time TIMESTAMP(0) WITH TIME ZONE DEFAULT NULL,
  CONSTRAINT ${name}_uniq_barrier UNIQUE (gid, branch_id, op, barrier_id)
);
