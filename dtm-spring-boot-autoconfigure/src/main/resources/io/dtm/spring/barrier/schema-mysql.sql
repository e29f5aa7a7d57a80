CREATE TABLE IF NOT EXISTS ${table} (
  id BIGINT(22) PRIMARY KEY AUTO_INCREMENT,
  trans_type VARCHAR(45) DEFAULT '',
  gid VARCHAR(128) DEFAULT '',
  branch_id VARCHAR(128) DEFAULT '',
  op VARCHAR(45) DEFAULT '',
  barrier_id VARCHAR(45) DEFAULT '',
  reason VARCHAR(45) DEFAULT '' COMMENT 'the branch type who insert this record',
  create_time DATETIME DEFAULT NOW(),
  update_time DATETIME DEFAULT NOW(),
  KEY (create_time),
  KEY (update_time),
  UNIQUE KEY (gid, branch_id, op, barrier_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
