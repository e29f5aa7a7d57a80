package io.dtm.samples.woven;

import java.util.concurrent.atomic.AtomicReference;

import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalTransaction;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * The initiator. Each public method calls an annotated method on {@code this}: with
 * proxies that call would bypass the proxy and start no transaction; woven, the
 * transaction runs. {@link #lastGid()} is the gid of the last one.
 */
@Service
public class TransferService {

    private final BankClient bank;

    private final AtomicReference<String> lastGid = new AtomicReference<>();

    public TransferService(@Lazy BankClient bank) {
        this.bank = bank;
    }

    public void transferBySaga(Transfer transfer) {
        this.saga(transfer);
    }

    public void transferByTcc(Transfer transfer) {
        this.tcc(transfer);
    }

    public void transferByMsg(Transfer transfer) {
        this.msg(transfer);
    }

    /**
     * The gid of the transaction the last call started, {@code null} if none was started.
     */
    public String lastGid() {
        return this.lastGid.get();
    }

    @GlobalSaga
    void saga(Transfer transfer) {
        this.lastGid.set(GlobalTransaction.currentGid());
        this.bank.transOut(transfer);
        this.bank.transIn(transfer);
    }

    @GlobalTcc
    void tcc(Transfer transfer) {
        this.lastGid.set(GlobalTransaction.currentGid());
        this.bank.transOutTry(transfer);
        this.bank.transInTry(transfer);
    }

    @DtmMsg
    void msg(Transfer transfer) {
        this.lastGid.set(GlobalTransaction.currentGid());
        this.bank.transOut(transfer);
        this.bank.transIn(transfer);
    }

}
