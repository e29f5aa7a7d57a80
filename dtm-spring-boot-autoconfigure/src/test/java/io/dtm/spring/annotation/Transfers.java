package io.dtm.spring.annotation;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The initiator's business, written with annotations only. Each method hands its gid out
 * through {@code gid} before anything can fail, so the tests can follow the transaction.
 */
public class Transfers {

    private final BankOutClient bankOut;

    private final BankInClient bankIn;

    private final BankXaClient bankXa;

    private final BankXaPgClient bankXaPg;

    private final NestedTransfers nested;

    private final JdbcTemplate jdbc;

    private final AsyncSteps asyncSteps;

    private final Executor bootExecutor;

    public Transfers(BankOutClient bankOut, BankInClient bankIn, BankXaClient bankXa, BankXaPgClient bankXaPg,
            NestedTransfers nested, JdbcTemplate jdbc, AsyncSteps asyncSteps, Executor bootExecutor) {
        this.bankOut = bankOut;
        this.bankIn = bankIn;
        this.bankXa = bankXa;
        this.bankXaPg = bankXaPg;
        this.nested = nested;
        this.jdbc = jdbc;
        this.asyncSteps = asyncSteps;
        this.bootExecutor = bootExecutor;
    }

    @GlobalSaga(timeoutToFail = "${transfers.timeout:60s}", retryInterval = "1s")
    public Map<String, String> saga(Transfer out, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.withdraw(out);
        // a plain call inside the saga is sent at once
        Map<String, String> context = this.bankIn.context();
        this.bankIn.deposit(in);
        return context;
    }

    /**
     * Withdraws on this thread and deposits from an @Async method; returns the deposit's
     * thread.
     */
    @GlobalSaga(retryInterval = "1s")
    public String sagaWithAsyncStep(Transfer out, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.withdraw(out);
        return this.asyncSteps.deposit(in).join();
    }

    /**
     * Withdraws on this thread and deposits in a CompletableFuture on Spring Boot's task
     * executor.
     */
    @GlobalSaga(retryInterval = "1s")
    public String sagaWithFutureStep(Transfer out, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.withdraw(out);
        return CompletableFuture.supplyAsync(() -> {
            this.bankIn.deposit(in);
            return Thread.currentThread().getName();
        }, this.bootExecutor).join();
    }

    /**
     * Returns while its @Async deposit still waits for {@code go}, handing the deposit's
     * future out through {@code late}.
     */
    @GlobalSaga(retryInterval = "1s")
    public void sagaLeavingAStepRunning(Transfer out, Transfer in, CountDownLatch go, AtomicReference<String> gid,
            AtomicReference<CompletableFuture<String>> late) throws InterruptedException {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.withdraw(out);
        late.set(this.asyncSteps.depositWhen(go, in));
    }

    /**
     * Withdraws on this thread and deposits from an @Async void method that waits for
     * {@code go}; counts {@code returned} down as its last statement.
     */
    @GlobalSaga(retryInterval = "1s")
    public void sagaWithUnjoinedAsyncStep(Transfer out, Transfer in, CountDownLatch go, CountDownLatch returned,
            AtomicReference<String> gid) throws InterruptedException {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.withdraw(out);
        this.asyncSteps.depositLater(go, in);
        returned.countDown();
    }

    /** Calls {@link #saga} on itself, so not through the proxy that starts the saga. */
    public Map<String, String> selfInvokedSaga(Transfer out, Transfer in, AtomicReference<String> gid) {
        return saga(out, in, gid);
    }

    @GlobalSaga
    public void sagaThenThrow(Transfer out, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.withdraw(out);
        throw new IllegalStateException("initiator failed after the first call");
    }

    @GlobalSaga(concurrent = true, orders = "1:0", waitResult = true)
    public void concurrentSaga(Transfer out, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.withdraw(out);
        this.bankIn.deposit(in);
    }

    /** Steps added by URL; {@code bankOutUrl} is the participant's base URL. */
    @GlobalSaga
    public void sagaByUrl(String bankOutUrl, Transfer out, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        GlobalTransaction.currentSaga().add(bankOutUrl + "/bank/withdraw", bankOutUrl + "/bank/withdrawRevert", out);
    }

    @GlobalSaga
    public void sagaWithNestedSaga(Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.nested.nestedSaga(in);
    }

    @GlobalTcc
    public void tcc(Transfer out, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.tccWithdrawTry(out);
        this.bankIn.tccDepositTry(in);
    }

    @GlobalTcc
    public void tccThenThrow(Transfer out, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.tccWithdrawTry(out);
        throw new IllegalStateException("initiator failed after the first call");
    }

    /**
     * bank-out withdraws, and deposits to bank-in's account {@code out.next()} as a
     * nested branch.
     */
    @GlobalTcc
    public void tccNested(Transfer out, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankOut.tccNestedTry(out);
    }

    /** Debits a local account and deposits at bank-in through the message. */
    @DtmMsg
    public void msg(int localAccount, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ?", in.amount(), localAccount);
        this.bankIn.deposit(in);
    }

    /**
     * Debits a local account and deposits at bank-in from an @Async method, as a step of
     * the message.
     */
    @DtmMsg
    public void msgWithAsyncStep(int localAccount, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ?", in.amount(), localAccount);
        this.asyncSteps.deposit(in).join();
    }

    /**
     * Debits a local account and deposits at bank-in from an @Async void method that
     * waits for {@code go}; counts {@code returned} down as its last statement.
     */
    @DtmMsg
    public void msgWithUnjoinedAsyncStep(int localAccount, Transfer in, CountDownLatch go, CountDownLatch returned,
            AtomicReference<String> gid) throws InterruptedException {
        gid.set(GlobalTransaction.currentGid());
        this.jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ?", in.amount(), localAccount);
        this.asyncSteps.depositLater(go, in);
        returned.countDown();
    }

    /** Returns while its @Async deposit still waits for {@code go}. */
    @DtmMsg
    public void msgLeavingAStepRunning(int localAccount, Transfer in, CountDownLatch go, AtomicReference<String> gid)
            throws InterruptedException {
        gid.set(GlobalTransaction.currentGid());
        this.jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ?", in.amount(), localAccount);
        this.asyncSteps.depositLater(go, in);
    }

    @DtmMsg
    public void msgThenThrow(int localAccount, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ?", in.amount(), localAccount);
        this.bankIn.deposit(in);
        throw new IllegalStateException("initiator failed after the first call");
    }

    /**
     * Two branches on the XA bank (MariaDB): {@code out} withdraws, {@code in} deposits.
     */
    @GlobalXa
    public void xa(Transfer out, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankXa.xaWithdraw(out);
        this.bankXa.xaDeposit(in);
    }

    @GlobalXa
    public void xaThenThrow(Transfer out, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankXa.xaWithdraw(out);
        throw new IllegalStateException("initiator failed after the first call");
    }

    /**
     * Across two databases: {@code out} withdraws at the PostgreSQL bank, then {@code in}
     * deposits at MariaDB's.
     */
    @GlobalXa
    public void xaAcross(Transfer out, Transfer in, AtomicReference<String> gid) {
        gid.set(GlobalTransaction.currentGid());
        this.bankXaPg.xaWithdraw(out);
        this.bankXa.xaDeposit(in);
    }

    /** A saga whose gid is the business key {@code id}; counts its runs. */
    @GlobalSaga(gid = "'transfer-' + #id", retryInterval = "1s")
    public void sagaByKey(String id, Transfer out, Transfer in, AtomicInteger runs) {
        runs.incrementAndGet();
        this.bankOut.withdraw(out);
        this.bankIn.deposit(in);
    }

    /** {@link #sagaByKey} waiting for the result. */
    @GlobalSaga(gid = "'transfer-' + #id", retryInterval = "1s", waitResult = true)
    public void waitingSagaByKey(String id, Transfer out, Transfer in, AtomicInteger runs) {
        runs.incrementAndGet();
        this.bankOut.withdraw(out);
        this.bankIn.deposit(in);
    }

    /** {@link #sagaByKey} returning a value. */
    @GlobalSaga(gid = "'transfer-' + #p0", retryInterval = "1s")
    public String sagaByKeyReturning(String id, Transfer out, AtomicInteger runs) {
        runs.incrementAndGet();
        this.bankOut.withdraw(out);
        return "done";
    }

    /** A message whose gid is the business key {@code id}; counts its runs. */
    @DtmMsg(gid = "'msg-' + #id")
    public void msgByKey(String id, int localAccount, Transfer in, AtomicInteger runs) {
        runs.incrementAndGet();
        this.jdbc.update("UPDATE account SET balance = balance - ? WHERE id = ?", in.amount(), localAccount);
        this.bankIn.deposit(in);
    }

    /** A TCC transaction whose gid is the business key {@code id}; counts its runs. */
    @GlobalTcc(gid = "'tcc-' + #id")
    public void tccByKey(String id, Transfer out, Transfer in, AtomicInteger runs) {
        runs.incrementAndGet();
        this.bankOut.tccWithdrawTry(out);
        this.bankIn.tccDepositTry(in);
    }

}
