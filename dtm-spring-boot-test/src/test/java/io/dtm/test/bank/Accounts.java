package io.dtm.test.bank;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Two accounts of 10000 each; {@code frozen} is what a TCC try holds back until its
 * confirm or cancel, {@code transfer_out} notes which transfers took money out,
 * {@code transfer_in} which ones paid money in and {@code transfer_released} which ones
 * released what they had frozen.
 */
@Repository
public class Accounts {

    public static final long TOTAL = 20000;

    private final JdbcTemplate jdbc;

    public Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        reset();
    }

    public void reset() {
        this.jdbc.execute("CREATE TABLE IF NOT EXISTS account (id INT PRIMARY KEY, balance BIGINT NOT NULL,"
                + " frozen BIGINT NOT NULL)");
        this.jdbc.execute("CREATE TABLE IF NOT EXISTS transfer_out (gid VARCHAR(128) PRIMARY KEY)");
        this.jdbc.update("DELETE FROM account");
        this.jdbc.execute("CREATE TABLE IF NOT EXISTS transfer_in (gid VARCHAR(128) PRIMARY KEY)");
        this.jdbc.execute("CREATE TABLE IF NOT EXISTS transfer_released (gid VARCHAR(128) PRIMARY KEY)");
        this.jdbc.update("DELETE FROM transfer_out");
        this.jdbc.update("DELETE FROM transfer_in");
        this.jdbc.update("DELETE FROM transfer_released");
        this.jdbc.update("INSERT INTO account (id, balance, frozen) VALUES (1, 10000, 0), (2, 10000, 0)");
    }

    public long balance(int account) {
        Long balance = this.jdbc.queryForObject("SELECT balance FROM account WHERE id = ?", Long.class, account);
        return (balance != null) ? balance : 0;
    }

    public long total() {
        Long total = this.jdbc.queryForObject("SELECT SUM(balance) FROM account", Long.class);
        return (total != null) ? total : 0;
    }

    public long frozen() {
        Long frozen = this.jdbc.queryForObject("SELECT SUM(frozen) FROM account", Long.class);
        return (frozen != null) ? frozen : 0;
    }

    void freeze(int account, long amount) {
        this.jdbc.update("UPDATE account SET balance = balance - ?, frozen = frozen + ? WHERE id = ?", amount, amount,
                account);
    }

    void unfreeze(int account, long amount, boolean giveBack) {
        this.jdbc.update("UPDATE account SET balance = balance + ?, frozen = frozen - ? WHERE id = ?",
                giveBack ? amount : 0, amount, account);
    }

    void adjust(int account, long delta) {
        this.jdbc.update("UPDATE account SET balance = balance + ? WHERE id = ?", delta, account);
    }

    void noteTransferOut(String gid) {
        this.jdbc.update("INSERT INTO transfer_out (gid) VALUES (?)", gid);
    }

    /** Notes that {@code gid} paid money in; false when it already had. */
    boolean notePaidIn(String gid) {
        Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM transfer_in WHERE gid = ?", Integer.class, gid);
        if (count != null && count > 0) {
            return false;
        }
        this.jdbc.update("INSERT INTO transfer_in (gid) VALUES (?)", gid);
        return true;
    }

    boolean tookMoneyOut(String gid) {
        Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM transfer_out WHERE gid = ?", Integer.class, gid);
        return count != null && count > 0;
    }

    /** Notes that {@code gid} released its frozen money; false when it already had. */
    boolean noteReleased(String gid) {
        Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM transfer_released WHERE gid = ?", Integer.class,
                gid);
        if (count != null && count > 0) {
            return false;
        }
        this.jdbc.update("INSERT INTO transfer_released (gid) VALUES (?)", gid);
        return true;
    }

}
