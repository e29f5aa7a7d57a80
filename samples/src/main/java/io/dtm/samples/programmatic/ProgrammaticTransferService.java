package io.dtm.samples.programmatic;

import static io.dtm.samples.bank.Accounts.TRANS_OUT_ACCOUNT;

import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.dtm.protocol.DtmFailureException;
import io.dtm.samples.bank.Accounts;
import io.dtm.samples.bank.CallLog;
import io.dtm.samples.bank.TransReq;
import io.dtm.spring.autoconfigure.DtmUrls;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import io.dtm.spring.web.DtmCallbackController;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The same initiator as {@link io.dtm.samples.transfer.TransferService}, written with
 * {@link DtmClient}'s builders instead of the annotations: for services that prefer
 * explicit code, or call participants by URL without Feign. The bank participant is the
 * same. (The workflow is programmatic in both.)
 */
@Service
public class ProgrammaticTransferService {

    private final DtmClient dtm;

    private final DtmUrls urls;

    private final DataSource dataSource;

    private final CallLog log;

    private final Environment environment;

    private final AtomicReference<String> lastGid = new AtomicReference<>();

    public ProgrammaticTransferService(DtmClient dtm, DtmUrls urls, DataSource dataSource, CallLog log,
            Environment environment) {
        this.dtm = dtm;
        this.urls = urls;
        this.dataSource = dataSource;
        this.log = log;
        this.environment = environment;
    }

    /** The gid of the transaction the last call started. */
    public String lastGid() {
        return this.lastGid.get();
    }

    /**
     * Saga: TransOut (compensated by TransOutRevert), then TransIn (compensated by
     * TransInRevert).
     */
    public void saga(TransReq req) {
        Saga saga = this.dtm.saga()
            .add(bank("/TransOut"), bank("/TransOutRevert"), req)
            .add(bank("/TransIn"), bank("/TransInRevert"), req);
        this.lastGid.set(saga.gid());
        saga.submit();
    }

    /**
     * TCC: both tries, then the coordinator confirms both; if a try fails, it cancels
     * both.
     */
    public void tcc(TransReq req) {
        String gid = this.dtm.newGid();
        this.lastGid.set(gid);
        this.dtm.tccGlobal(gid, (tcc) -> {
            tcc.callBranch(req, bank("/TransOutTry"), bank("/TransOutConfirm"), bank("/TransOutCancel"));
            tcc.callBranch(req, bank("/TransInTry"), bank("/TransInConfirm"), bank("/TransInCancel"));
        });
    }

    /**
     * 2-phase message: TransOut runs here in a local transaction that also records the
     * message, and TransIn is the message's step, delivered by the coordinator once the
     * local transaction committed. If the local transaction fails, the message is aborted
     * and TransIn never runs.
     */
    public void msg(TransReq req) {
        Msg msg = this.dtm.msg().add(bank("/TransIn"), req);
        this.lastGid.set(msg.gid());
        msg.doAndSubmitDb(this.urls.callback(DtmCallbackController.MSG_QUERY_PREPARED), this.dataSource, (jdbc) -> {
            try {
                if ("FAILURE".equals(req.transOutResult())) {
                    throw new DtmFailureException("forced to FAILURE by the request");
                }
                Accounts.adjustBalance(jdbc, TRANS_OUT_ACCOUNT, -req.amount());
            }
            catch (DtmFailureException ex) {
                this.log.local(msg.gid(), "TransOut (local)", 409, false, ex.getMessage());
                throw ex;
            }
            this.log.local(msg.gid(), "TransOut (local)", 200, true, "");
        });
    }

    /**
     * XA: TransOut and TransIn each prepare an XA branch; the coordinator commits both or
     * rolls both back.
     */
    public void xa(TransReq req) {
        String gid = this.dtm.newGid();
        this.lastGid.set(gid);
        this.dtm.xaGlobal(gid, (xa) -> {
            xa.callBranch(req, bank("/TransOutXa"));
            xa.callBranch(req, bank("/TransInXa"));
        });
    }

    private String bank(String path) {
        return this.environment.getRequiredProperty("samples.bank-url") + "/api/bank" + path;
    }

}
