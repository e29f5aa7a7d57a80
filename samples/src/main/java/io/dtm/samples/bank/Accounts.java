package io.dtm.samples.bank;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.dtm.protocol.DtmFailureException;

/**
 * The bank's {@code account} table: {@code balance} is the money, {@code trading_balance}
 * what a TCC try has reserved (negative: frozen for a transfer out; positive: announced
 * for a transfer in).
 */
@Repository
public class Accounts {

    public static final int TRANS_OUT_ACCOUNT = 1;

    public static final int TRANS_IN_ACCOUNT = 2;

    public static final long INITIAL_BALANCE = 10000;

    private final JdbcTemplate jdbc;

    public Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the table if needed and puts both accounts back to their initial balance.
     */
    public void reset() {
        this.jdbc.execute("CREATE TABLE IF NOT EXISTS account (id INT PRIMARY KEY, balance BIGINT NOT NULL,"
                + " trading_balance BIGINT NOT NULL)");
        this.jdbc.update("DELETE FROM account");
        this.jdbc.update("INSERT INTO account (id, balance, trading_balance) VALUES (?, ?, 0), (?, ?, 0)",
                TRANS_OUT_ACCOUNT, INITIAL_BALANCE, TRANS_IN_ACCOUNT, INITIAL_BALANCE);
    }

    /** Balances by account id, in id order. */
    public Map<Integer, Long> balances() {
        Map<Integer, Long> balances = new LinkedHashMap<>();
        this.jdbc.query("SELECT id, balance FROM account ORDER BY id", (rs) -> {
            balances.put(rs.getInt(1), rs.getLong(2));
        });
        return balances;
    }

    /** Sum of the trading balances: 0 when no TCC transfer is half-way. */
    public long trading() {
        Long trading = this.jdbc.queryForObject("SELECT COALESCE(SUM(trading_balance), 0) FROM account", Long.class);
        return (trading != null) ? trading : 0;
    }

    /** Adds {@code delta} to the balance; refuses (FAILURE) to go below zero. */
    public static void adjustBalance(JdbcTemplate jdbc, int account, long delta) {
        int updated = jdbc.update("UPDATE account SET balance = balance + ? WHERE id = ? AND balance + ? >= 0", delta,
                account, delta);
        if (updated == 0) {
            throw new DtmFailureException("insufficient balance in account " + account);
        }
    }

    /**
     * Adds {@code delta} to the trading balance; a reservation out needs the money to be
     * there.
     */
    public static void adjustTrading(JdbcTemplate jdbc, int account, long delta) {
        int updated = jdbc.update("UPDATE account SET trading_balance = trading_balance + ?"
                + " WHERE id = ? AND balance + trading_balance + ? >= 0", delta, account, delta);
        if (updated == 0) {
            throw new DtmFailureException("insufficient balance in account " + account);
        }
    }

    /** Turns a reservation into a balance change (TCC confirm). */
    public static void settleTrading(JdbcTemplate jdbc, int account, long delta) {
        jdbc.update("UPDATE account SET balance = balance + ?, trading_balance = trading_balance - ? WHERE id = ?",
                delta, delta, account);
    }

}
