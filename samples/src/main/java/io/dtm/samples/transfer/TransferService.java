package io.dtm.samples.transfer;

import static io.dtm.samples.bank.Accounts.TRANS_OUT_ACCOUNT;

import java.util.concurrent.atomic.AtomicReference;

import io.dtm.protocol.DtmFailureException;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.BankClient;
import io.dtm.samples.bank.CallLog;
import io.dtm.samples.bank.TransReq;
import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalTransaction;
import io.dtm.spring.annotation.GlobalXa;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Workflows;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The initiator: moves {@code req.amount()} from account 1 to account 2, once per mode.
 * Each method is one global transaction; the bank is called through the
 * {@link BankClient} Feign client, whose annotations make each call a step or a branch.
 * {@link #lastGid()} is the gid of the last one (the sample prints it).
 */
@Service
public class TransferService {

    /** The workflow of dtm's seed example, registered under this name. */
    public static final String WORKFLOW_NAME = "transfer";

    private final BankClient bank;

    private final DtmClient dtm;

    private final Workflows workflows;

    private final JdbcTemplate jdbc;

    private final CallLog log;

    private final Environment environment;

    private final AtomicReference<String> lastGid = new AtomicReference<>();

    public TransferService(@Lazy BankClient bank, DtmClient dtm, Workflows workflows, JdbcTemplate jdbc, CallLog log,
            Environment environment) {
        this.bank = bank;
        this.dtm = dtm;
        this.workflows = workflows;
        this.jdbc = jdbc;
        this.log = log;
        this.environment = environment;
        registerWorkflow();
    }

    /** The gid of the transaction the last call started. */
    public String lastGid() {
        return this.lastGid.get();
    }

    /**
     * Saga: the two calls are recorded as steps, TransOut (compensated by TransOutRevert)
     * then TransIn (compensated by TransInRevert), and submitted when the method returns;
     * the coordinator then runs them.
     */
    @GlobalSaga
    public void saga(TransReq req) {
        this.lastGid.set(GlobalTransaction.currentGid());
        this.bank.transOut(req);
        this.bank.transIn(req);
    }

    /**
     * TCC: each call registers a branch and sends its try; when the method returns, the
     * coordinator confirms both. If a try fails, the exception aborts the transaction and
     * the coordinator cancels both.
     */
    @GlobalTcc
    public void tcc(TransReq req) {
        this.lastGid.set(GlobalTransaction.currentGid());
        this.bank.transOutTry(req);
        this.bank.transInTry(req);
    }

    /**
     * 2-phase message: TransOut runs here, in a local transaction that also records the
     * message; TransIn is the message's step, which the coordinator delivers once the
     * local transaction has committed (and retries until it succeeds). If the method
     * throws, the local transaction rolls back and no message is sent.
     */
    @DtmMsg
    public void msg(TransReq req) {
        String gid = GlobalTransaction.currentGid();
        this.lastGid.set(gid);
        try {
            if ("FAILURE".equals(req.transOutResult())) {
                throw new DtmFailureException("forced to FAILURE by the request");
            }
            Accounts.adjustBalance(this.jdbc, TRANS_OUT_ACCOUNT, -req.amount());
        }
        catch (DtmFailureException ex) {
            this.log.local(gid, "TransOut (local)", 409, false, ex.getMessage());
            throw ex;
        }
        this.log.local(gid, "TransOut (local)", 200, true, "");
        this.bank.transIn(req);
    }

    /**
     * XA: each call is an XA branch that the bank prepares; when the method returns the
     * coordinator commits both, if it throws (a branch failed) the coordinator rolls back
     * the prepared ones.
     */
    @GlobalXa
    public void xa(TransReq req) {
        this.lastGid.set(GlobalTransaction.currentGid());
        this.bank.transOutXa(req);
        this.bank.transInXa(req);
    }

    /** Workflow: runs the {@value #WORKFLOW_NAME} workflow under a new gid. */
    public void workflow(TransReq req) {
        String gid = this.dtm.newGid();
        this.lastGid.set(gid);
        this.workflows.execute(WORKFLOW_NAME, gid, req);
    }

    /**
     * dtm's seed example in Java: each branch registers its compensation, then runs its
     * action. If TransIn fails, the registered compensations run last branch first
     * (TransInRevert, then TransOutRevert) and the workflow fails.
     */
    private void registerWorkflow() {
        this.workflows.register(WORKFLOW_NAME, TransReq.class, (wf, req) -> {
            String bank = this.environment.getRequiredProperty("samples.bank-url") + "/api/bank";
            wf.newBranch().onRollback((barrier) -> wf.callBranch(bank + "/TransOutRevert", req));
            wf.callBranch(bank + "/TransOut", req);
            wf.newBranch().onRollback((barrier) -> wf.callBranch(bank + "/TransInRevert", req));
            wf.callBranch(bank + "/TransIn", req);
            return null;
        });
    }

}
