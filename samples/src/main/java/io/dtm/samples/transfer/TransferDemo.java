package io.dtm.samples.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.BankClient;
import io.dtm.samples.bank.CallLog;
import io.dtm.samples.bank.TransReq;
import io.dtm.spring.barrier.H2BarrierDialect;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Runs one sample transfer of {@value #AMOUNT} and collects what happened: resets both
 * accounts, reads the balances over HTTP, starts the transaction, waits for its final
 * status and reads the balances again.
 */
@Component
public class TransferDemo {

    public static final long AMOUNT = 30;

    static final Duration FINAL_STATUS_TIMEOUT = Duration.ofSeconds(30);

    private final TransferService transfers;

    private final BankClient bank;

    private final Accounts accounts;

    private final CallLog log;

    private final DtmClient dtm;

    private final boolean xaSupported;

    private final String databaseName;

    public TransferDemo(TransferService transfers, @Lazy BankClient bank, Accounts accounts, CallLog log, DtmClient dtm,
            JdbcBarrier barrier, DataSource dataSource) {
        this.transfers = transfers;
        this.bank = bank;
        this.accounts = accounts;
        this.log = log;
        this.dtm = dtm;
        this.xaSupported = !(barrier.dialect(dataSource) instanceof H2BarrierDialect);
        this.databaseName = barrier.dialect(dataSource).getClass().getSimpleName().replace("BarrierDialect", "");
    }

    /**
     * Whether the bank's database can run XA branches (MySQL/MariaDB, PostgreSQL; not
     * H2).
     */
    public boolean xaSupported() {
        return this.xaSupported;
    }

    /** The bank database's kind: H2, MySql or Postgres. */
    public String databaseName() {
        return this.databaseName;
    }

    /**
     * Transfers {@value #AMOUNT} from account 1 to account 2 in {@code mode}. With
     * {@code forceFailure}, TransIn answers FAILURE (for msg, whose steps cannot fail,
     * TransOut's local transaction fails instead).
     */
    public TransferResult run(Mode mode, boolean forceFailure) {
        if (mode == Mode.XA && !this.xaSupported) {
            return new TransferResult(mode, forceFailure, null, TransferResult.SKIPPED, List.of(), Map.of(), Map.of(),
                    0, null, "XA skipped: H2 has no XA PREPARE, so an XA branch cannot be prepared on it."
                            + " Run with --spring.profiles.active=mariadb (or postgres) to see XA.");
        }
        this.accounts.reset();
        Map<Integer, Long> before = this.bank.balances();
        TransReq req = TransReq.of(AMOUNT);
        if (forceFailure) {
            req = (mode == Mode.MSG) ? req.failingTransOut() : req.failingTransIn();
        }
        String previousGid = this.transfers.lastGid();
        String initiatorError = null;
        try {
            switch (mode) {
                case SAGA -> this.transfers.saga(req);
                case TCC -> this.transfers.tcc(req);
                case MSG -> this.transfers.msg(req);
                case XA -> this.transfers.xa(req);
                case WORKFLOW -> this.transfers.workflow(req);
            }
        }
        catch (RuntimeException ex) {
            initiatorError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        String gid = this.transfers.lastGid();
        if (gid == null || gid.equals(previousGid)) {
            // the initiator failed before its transaction got a gid
            return new TransferResult(mode, forceFailure, null, TransferResult.NEVER_SENT, List.of(), before,
                    this.bank.balances(), this.accounts.trading(), initiatorError, null);
        }
        String status = awaitFinalStatus(gid, initiatorError != null);
        List<CallLog.Call> calls = awaitCompletedCalls(gid);
        Map<Integer, Long> after = this.bank.balances();
        return new TransferResult(mode, forceFailure, gid, status, calls, before, after, this.accounts.trading(),
                initiatorError, null);
    }

    /**
     * Polls the coordinator until the transaction is succeed or failed (or the timeout
     * passed). A transaction whose initiator failed before telling the coordinator
     * anything (a {@code @DtmMsg} whose local transaction rolled back) is
     * {@value TransferResult#NEVER_SENT}.
     */
    private String awaitFinalStatus(String gid, boolean initiatorFailed) {
        long deadline = System.nanoTime() + FINAL_STATUS_TIMEOUT.toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            JsonNode transaction = this.dtm.query(gid).path("transaction");
            if (initiatorFailed && !transaction.isObject()) {
                return TransferResult.NEVER_SENT;
            }
            status = transaction.path("status").asString("");
            if ("succeed".equals(status) || "failed".equals(status)) {
                return status;
            }
            pause();
        }
        return status.isEmpty() ? "unknown" : status;
    }

    /** The calls of {@code gid}, once every reply has been recorded. */
    private List<CallLog.Call> awaitCompletedCalls(String gid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<CallLog.Call> calls = this.log.calls(gid);
        while (calls.stream().anyMatch((call) -> !call.completed()) && System.nanoTime() < deadline) {
            pause();
            calls = this.log.calls(gid);
        }
        return calls;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

}
