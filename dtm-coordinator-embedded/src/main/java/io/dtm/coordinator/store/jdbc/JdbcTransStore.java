package io.dtm.coordinator.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.dtm.coordinator.model.KvEntry;
import io.dtm.coordinator.model.TransBranch;
import io.dtm.coordinator.model.TransGlobal;
import io.dtm.coordinator.model.TransJson;
import io.dtm.coordinator.store.DuplicateBranchException;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.coordinator.store.TransStore;

/** The store on dtm's SQL tables ({@code trans_global}, {@code trans_branch_op}, {@code kv}). */
public class JdbcTransStore implements TransStore {

    private static final String UNFINISHED = "status IN ('prepared', 'aborting', 'submitted')";

    private static final String GLOBAL_COLUMNS = "id, gid, trans_type, status, query_prepared, protocol, create_time, "
            + "update_time, finish_time, rollback_time, options, custom_data, next_cron_interval, next_cron_time, "
            + "owner, ext_data, result, rollback_reason";

    private static final String BRANCH_COLUMNS = "id, gid, url, bin_data, branch_id, op, status, finish_time, "
            + "rollback_time, create_time, update_time";

    /** How many due rows a replica chooses among when claiming one, so replicas rarely race for the same row. */
    private static final int DUE_CANDIDATES = 10;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JdbcDialect dialect;
    private final DataSource dataSource;

    /** The store owns {@code dataSource}: {@link #close()} closes it. */
    public JdbcTransStore(DataSource dataSource, JdbcDialect dialect) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = dialect;
    }

    public JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public boolean insertGlobal(TransGlobal g, List<TransBranch> branches) {
        Boolean inserted = tx.execute(status -> {
            String sql = dialect.insertIgnore("trans_global (gid, trans_type, status, query_prepared, protocol, "
                    + "create_time, update_time, options, custom_data, next_cron_interval, next_cron_time, owner, "
                    + "ext_data, result, rollback_reason)", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            int rows;
            try {
                rows = jdbc.update(sql, g.getGid(), g.getTransType(), g.getStatus(), g.getQueryPrepared(),
                        g.getProtocol(), ts(g.getCreateTime()), ts(g.getUpdateTime()),
                        TransJson.optionsToJson(g.getOptions()), g.getCustomData(), g.getNextCronInterval(),
                        ts(g.getNextCronTime()), g.getOwner(), g.getExtData(), g.getResult(), g.getRollbackReason());
            }
            catch (DuplicateKeyException ex) {
                if (!dialect.insertIgnoreNeedsCatch()) {
                    throw ex;
                }
                rows = 0;
            }
            if (rows == 0) {
                return false;
            }
            insertBranches(branches);
            return true;
        });
        return Boolean.TRUE.equals(inserted);
    }

    @Override
    public Optional<TransGlobal> findGlobal(String gid) {
        return jdbc.query("SELECT " + GLOBAL_COLUMNS + " FROM trans_global WHERE gid = ?", GLOBAL_MAPPER, gid)
                .stream().findFirst();
    }

    @Override
    public List<TransBranch> findBranches(String gid) {
        return jdbc.query("SELECT " + BRANCH_COLUMNS + " FROM trans_branch_op WHERE gid = ? ORDER BY id",
                BRANCH_MAPPER, gid);
    }

    @Override
    public GlobalPage scanGlobals(GlobalQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + GLOBAL_COLUMNS + " FROM trans_global WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.position() != null && !q.position().isEmpty()) {
            sql.append(" AND id < ?");
            args.add(Long.parseLong(q.position()));
        }
        if (q.status() != null && !q.status().isEmpty()) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.transType() != null && !q.transType().isEmpty()) {
            sql.append(" AND trans_type = ?");
            args.add(q.transType());
        }
        if (q.createTimeStart() != null) {
            sql.append(" AND create_time >= ?");
            args.add(ts(q.createTimeStart()));
        }
        if (q.createTimeEnd() != null) {
            sql.append(" AND create_time <= ?");
            args.add(ts(q.createTimeEnd()));
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
        List<TransGlobal> rows = jdbc.query(sql.toString(), GLOBAL_MAPPER, args.toArray());
        String next = rows.size() < q.limit() ? "" : String.valueOf(rows.get(rows.size() - 1).getId());
        return new GlobalPage(rows, next);
    }

    @Override
    public void appendBranches(String gid, String expectedStatus, List<TransBranch> branches) {
        tx.executeWithoutResult(status -> {
            lockGlobal(gid, expectedStatus);
            try {
                insertBranches(branches);
            }
            catch (DuplicateKeyException ex) {
                throw new DuplicateBranchException("branch " + branches.get(0).getBranchId() + " op "
                        + branches.get(0).getOp() + " of gid " + gid + " is already registered");
            }
        });
    }

    @Override
    public void updateBranchStatus(String gid, String expectedStatus, TransBranch b, int position) {
        tx.executeWithoutResult(status -> {
            lockGlobal(gid, expectedStatus);
            jdbc.update("UPDATE trans_branch_op SET status = ?, finish_time = ?, update_time = ? "
                    + "WHERE gid = ? AND branch_id = ? AND op = ?", b.getStatus(), ts(b.getFinishTime()),
                    ts(b.getUpdateTime()), gid, b.getBranchId(), b.getOp());
        });
    }

    @Override
    public boolean changeGlobalStatus(TransGlobal g, String oldStatus) {
        return jdbc.update("UPDATE trans_global SET status = ?, update_time = ?, finish_time = ?, rollback_time = ?, "
                + "rollback_reason = ?, result = ? WHERE gid = ? AND status = ?", g.getStatus(),
                ts(g.getUpdateTime()), ts(g.getFinishTime()), ts(g.getRollbackTime()), g.getRollbackReason(),
                g.getResult(), g.getGid(), oldStatus) == 1;
    }

    @Override
    public void touchCronTime(TransGlobal g, long nextCronInterval, Instant nextCronTime, Instant now) {
        jdbc.update("UPDATE trans_global SET next_cron_interval = ?, next_cron_time = ?, update_time = ? "
                + "WHERE gid = ? AND status = ?", nextCronInterval, ts(nextCronTime), ts(now), g.getGid(),
                g.getStatus());
    }

    @Override
    public Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner) {
        List<Long> due = jdbc.queryForList("SELECT id FROM trans_global WHERE next_cron_time < ? AND " + UNFINISHED
                + " ORDER BY next_cron_time LIMIT " + DUE_CANDIDATES, Long.class, ts(now));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        long id = due.get(ThreadLocalRandom.current().nextInt(due.size()));
        int claimed = jdbc.update("UPDATE trans_global SET owner = ?, next_cron_time = ?, update_time = ? "
                + "WHERE id = ? AND next_cron_time < ? AND " + UNFINISHED, owner, ts(nextCronTime), ts(now), id,
                ts(now));
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + GLOBAL_COLUMNS + " FROM trans_global WHERE id = ? AND owner = ?",
                GLOBAL_MAPPER, id, owner).stream().findFirst();
    }

    @Override
    public ResetCronResult resetCronTime(Instant after, int limit, Instant now) {
        List<Long> ids = jdbc.queryForList("SELECT id FROM trans_global WHERE next_cron_time > ? AND " + UNFINISHED
                + " ORDER BY id LIMIT " + (limit + 1), Long.class, ts(after));
        int count = 0;
        for (Long id : ids.subList(0, Math.min(limit, ids.size()))) {
            count += jdbc.update("UPDATE trans_global SET next_cron_time = ?, update_time = ? WHERE id = ? AND "
                    + UNFINISHED, ts(now), ts(now), id);
        }
        return new ResetCronResult(ids.size() > limit, count);
    }

    @Override
    public boolean resetNextCronTime(String gid, Instant now) {
        return jdbc.update("UPDATE trans_global SET next_cron_time = ?, update_time = ? WHERE gid = ?", ts(now),
                ts(now), gid) == 1;
    }

    @Override
    public List<KvEntry> findKv(String cat, String key) {
        if (key == null || key.isEmpty()) {
            return jdbc.query("SELECT id, cat, k, v, version, create_time, update_time FROM kv WHERE cat = ? "
                    + "ORDER BY id", KV_MAPPER, cat);
        }
        return jdbc.query("SELECT id, cat, k, v, version, create_time, update_time FROM kv WHERE cat = ? AND k = ?",
                KV_MAPPER, cat, key);
    }

    @Override
    public KvPage scanKv(String cat, String position, int limit) {
        long after = position == null || position.isEmpty() ? 0 : Long.parseLong(position);
        List<KvEntry> rows = jdbc.query("SELECT id, cat, k, v, version, create_time, update_time FROM kv "
                + "WHERE cat = ? AND id > ? ORDER BY id LIMIT " + limit, KV_MAPPER, cat, after);
        String next = rows.size() < limit ? "" : String.valueOf(rows.get(rows.size() - 1).id());
        return new KvPage(rows, next);
    }

    @Override
    public boolean createKv(KvEntry e) {
        String sql = dialect.insertIgnore("kv (cat, k, v, version, create_time, update_time)", "(?, ?, ?, ?, ?, ?)");
        try {
            return jdbc.update(sql, e.cat(), e.k(), e.v(), e.version(), ts(e.createTime()), ts(e.updateTime())) == 1;
        }
        catch (DuplicateKeyException ex) {
            if (!dialect.insertIgnoreNeedsCatch()) {
                throw ex;
            }
            return false;
        }
    }

    @Override
    public boolean updateKv(KvEntry e) {
        return jdbc.update("UPDATE kv SET v = ?, version = ?, update_time = ? WHERE cat = ? AND k = ? AND version = ?",
                e.v(), e.version(), ts(e.updateTime()), e.cat(), e.k(), e.version() - 1) == 1;
    }

    @Override
    public boolean deleteKv(String cat, String key) {
        return jdbc.update("DELETE FROM kv WHERE cat = ? AND k = ?", cat, key) == 1;
    }

    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            }
            catch (Exception ex) {
                throw new IllegalStateException("closing the coordinator's connection pool failed", ex);
            }
        }
    }

    private void lockGlobal(String gid, String expectedStatus) {
        List<Long> locked = jdbc.queryForList("SELECT id FROM trans_global WHERE gid = ? AND status = ? FOR UPDATE",
                Long.class, gid, expectedStatus);
        if (locked.isEmpty()) {
            throw new StatusConflictException("no trans with gid: " + gid + " status: " + expectedStatus + " found");
        }
    }

    private void insertBranches(List<TransBranch> branches) {
        if (branches.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO trans_branch_op (gid, url, bin_data, branch_id, op, status, finish_time, "
                + "rollback_time, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", branches, 100,
                (ps, b) -> {
                    ps.setString(1, b.getGid());
                    ps.setString(2, b.getUrl());
                    ps.setBytes(3, b.getBinData());
                    ps.setString(4, b.getBranchId());
                    ps.setString(5, b.getOp());
                    ps.setString(6, b.getStatus());
                    ps.setTimestamp(7, ts(b.getFinishTime()));
                    ps.setTimestamp(8, ts(b.getRollbackTime()));
                    ps.setTimestamp(9, ts(b.getCreateTime()));
                    ps.setTimestamp(10, ts(b.getUpdateTime()));
                });
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<TransGlobal> GLOBAL_MAPPER = (rs, n) -> {
        TransGlobal g = new TransGlobal();
        g.setId(rs.getLong("id"));
        g.setGid(rs.getString("gid"));
        g.setTransType(rs.getString("trans_type"));
        g.setStatus(rs.getString("status"));
        g.setQueryPrepared(rs.getString("query_prepared"));
        g.setProtocol(rs.getString("protocol"));
        g.setCreateTime(instant(rs, "create_time"));
        g.setUpdateTime(instant(rs, "update_time"));
        g.setFinishTime(instant(rs, "finish_time"));
        g.setRollbackTime(instant(rs, "rollback_time"));
        g.setOptions(TransJson.optionsFromJson(rs.getString("options")));
        g.setCustomData(rs.getString("custom_data"));
        g.setNextCronInterval(rs.getLong("next_cron_interval"));
        g.setNextCronTime(instant(rs, "next_cron_time"));
        g.setOwner(rs.getString("owner"));
        g.setExtData(rs.getString("ext_data"));
        g.setResult(rs.getString("result"));
        g.setRollbackReason(rs.getString("rollback_reason"));
        return g;
    };

    private static final RowMapper<TransBranch> BRANCH_MAPPER = (rs, n) -> {
        TransBranch b = new TransBranch();
        b.setId(rs.getLong("id"));
        b.setGid(rs.getString("gid"));
        b.setUrl(rs.getString("url"));
        b.setBinData(rs.getBytes("bin_data"));
        b.setBranchId(rs.getString("branch_id"));
        b.setOp(rs.getString("op"));
        b.setStatus(rs.getString("status"));
        b.setFinishTime(instant(rs, "finish_time"));
        b.setRollbackTime(instant(rs, "rollback_time"));
        b.setCreateTime(instant(rs, "create_time"));
        b.setUpdateTime(instant(rs, "update_time"));
        return b;
    };

    private static final RowMapper<KvEntry> KV_MAPPER = (rs, n) -> new KvEntry(rs.getLong("id"), rs.getString("cat"),
            rs.getString("k"), rs.getString("v"), rs.getLong("version"), instant(rs, "create_time"),
            instant(rs, "update_time"));
}
