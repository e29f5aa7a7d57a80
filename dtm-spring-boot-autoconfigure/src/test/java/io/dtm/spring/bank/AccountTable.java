package io.dtm.spring.bank;

import java.util.Map;

import io.dtm.protocol.DtmFailureException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts table of the client tests' banks: {@code balance} is the money,
 * {@code frozen} the part of it a TCC try holds back until its confirm or cancel. Every
 * operation runs on the {@link JdbcTemplate} it is given: the one a barrier or an XA
 * branch binds, or one whose connection the handler's local transaction holds.
 */
public final class AccountTable {

    private final String table;

    public AccountTable(String table) {
        this.table = table;
    }

    public void create(JdbcTemplate jdbc) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.table
                + " (id INT PRIMARY KEY, balance BIGINT NOT NULL, frozen BIGINT NOT NULL)");
    }

    /** Creates the table if needed and puts accounts 1 and 2 back to 10000 each. */
    public void reset(JdbcTemplate jdbc) {
        create(jdbc);
        jdbc.update("DELETE FROM " + this.table);
        jdbc.update("INSERT INTO " + this.table + " (id, balance, frozen) VALUES (1, 10000, 0), (2, 10000, 0)");
    }

    /** Takes money out; FAILURE when the balance is short. */
    public void debit(JdbcTemplate jdbc, int account, long amount) {
        int updated = jdbc.update("UPDATE " + this.table + " SET balance = balance - ? WHERE id = ? AND balance >= ?",
                amount, account, amount);
        if (updated == 0) {
            throw new DtmFailureException("insufficient balance");
        }
    }

    public void credit(JdbcTemplate jdbc, int account, long amount) {
        jdbc.update("UPDATE " + this.table + " SET balance = balance + ? WHERE id = ?", amount, account);
    }

    /** Takes back a credit, even below zero: a compensation must not fail. */
    public void revertCredit(JdbcTemplate jdbc, int account, long amount) {
        jdbc.update("UPDATE " + this.table + " SET balance = balance - ? WHERE id = ?", amount, account);
    }

    /** Holds money back (TCC try); FAILURE when what is not held already is short. */
    public void freeze(JdbcTemplate jdbc, int account, long amount) {
        int updated = jdbc.update(
                "UPDATE " + this.table + " SET frozen = frozen + ? WHERE id = ? AND balance - frozen >= ?", amount,
                account, amount);
        if (updated == 0) {
            throw new DtmFailureException("insufficient balance");
        }
    }

    /** Takes out the money held back (TCC confirm). */
    public void debitFrozen(JdbcTemplate jdbc, int account, long amount) {
        jdbc.update("UPDATE " + this.table + " SET balance = balance - ?, frozen = frozen - ? WHERE id = ?", amount,
                amount, account);
    }

    /** Releases the money held back (TCC cancel). */
    public void unfreeze(JdbcTemplate jdbc, int account, long amount) {
        jdbc.update("UPDATE " + this.table + " SET frozen = frozen - ? WHERE id = ?", amount, account);
    }

    /** The account's {@code balance} and {@code frozen}. */
    public Map<String, Long> holding(JdbcTemplate jdbc, int account) {
        return jdbc.queryForObject("SELECT balance, frozen FROM " + this.table + " WHERE id = ?",
                (rs, row) -> Map.of("balance", rs.getLong(1), "frozen", rs.getLong(2)), account);
    }

}
