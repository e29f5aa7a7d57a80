package io.dtm.chaos;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bank's business behind dtm's branch barrier: the balance change and its ledger row
 * commit in one local transaction together with the barrier row. The ledger is
 * deliberately not unique on (gid, branch_id, op), so a branch applied twice shows up as
 * two rows.
 */
@Component
public class Ledger {

    static final long INITIAL_BALANCE = 1_000_000;

    private final JdbcTemplate jdbc;

    public Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void createTables(String bankDb, int accounts) {
        String id = bankDb.equals("mysql") ? "BIGINT AUTO_INCREMENT PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";
        jdbc.execute("CREATE TABLE chaos_account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
        jdbc.execute("CREATE TABLE chaos_ledger (id " + id + ", gid VARCHAR(128) NOT NULL,"
                + " branch_id VARCHAR(128) NOT NULL, op VARCHAR(45) NOT NULL, handler VARCHAR(32) NOT NULL,"
                + " account INT NOT NULL, delta BIGINT NOT NULL,"
                + " created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
        jdbc.execute("CREATE INDEX chaos_ledger_gid ON chaos_ledger (gid)");
        for (int i = 1; i <= accounts; i++) {
            jdbc.update("INSERT INTO chaos_account (id, balance) VALUES (?, ?)", i, INITIAL_BALANCE);
        }
    }

    /**
     * @param refuse answer FAILURE (nothing applied; the barrier row rolls back with it)
     * @param errorBeforeCommit apply, then throw so that the local transaction rolls back
     * and the reply is 500
     */
    @DtmBarrier
    public void apply(String handler, int account, long delta, boolean refuse, boolean errorBeforeCommit) {
        if (refuse) {
            throw new DtmFailureException(handler + " refused by the fault plan");
        }
        DtmTransaction tx = DtmContextHolder.require();
        jdbc.update("UPDATE chaos_account SET balance = balance + ? WHERE id = ?", delta, account);
        jdbc.update("INSERT INTO chaos_ledger (gid, branch_id, op, handler, account, delta) VALUES (?, ?, ?, ?, ?, ?)",
                tx.gid(), tx.branchId(), tx.op(), handler, account, delta);
        if (errorBeforeCommit) {
            throw new IllegalStateException("injected error before commit");
        }
    }

}
