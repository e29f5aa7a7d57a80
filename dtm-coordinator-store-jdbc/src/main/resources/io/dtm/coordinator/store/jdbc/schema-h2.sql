CREATE TABLE IF NOT EXISTS trans_global (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  gid VARCHAR(128) NOT NULL,
  trans_type VARCHAR(45) NOT NULL,
  status VARCHAR(45) NOT NULL,
  query_prepared VARCHAR(1024) NOT NULL,
  protocol VARCHAR(45) NOT NULL,
  create_time TIMESTAMP NULL,
  update_time TIMESTAMP NULL,
  finish_time TIMESTAMP NULL,
  rollback_time TIMESTAMP NULL,
  options VARCHAR(1024) DEFAULT '',
  custom_data VARCHAR(1024) DEFAULT '',
  next_cron_interval INT NULL,
  next_cron_time TIMESTAMP NULL,
  owner VARCHAR(128) NOT NULL DEFAULT '',
  ext_data CLOB,
  result VARCHAR(1024) DEFAULT '',
  rollback_reason VARCHAR(1024) DEFAULT '',
  CONSTRAINT trans_global_gid UNIQUE (gid)
);
CREATE INDEX IF NOT EXISTS trans_global_owner ON trans_global (owner);
CREATE INDEX IF NOT EXISTS status_next_cron_time ON trans_global (status, next_cron_time);

CREATE TABLE IF NOT EXISTS trans_branch_op (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  gid VARCHAR(128) NOT NULL,
  url VARCHAR(1024) NOT NULL,
  data CLOB,
  bin_data BLOB,
  branch_id VARCHAR(128) NOT NULL,
  op VARCHAR(45) NOT NULL,
  status VARCHAR(45) NOT NULL,
  finish_time TIMESTAMP NULL,
  rollback_time TIMESTAMP NULL,
  create_time TIMESTAMP NULL,
  update_time TIMESTAMP NULL,
  CONSTRAINT gid_branch_uniq UNIQUE (gid, branch_id, op)
);

CREATE TABLE IF NOT EXISTS kv (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  cat VARCHAR(45) NOT NULL,
  k VARCHAR(128) NOT NULL,
  v CLOB,
  version BIGINT DEFAULT 1,
  create_time TIMESTAMP NULL,
  update_time TIMESTAMP NULL,
  CONSTRAINT uniq_k UNIQUE (cat, k)
);
