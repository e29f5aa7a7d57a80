package io.dtm.spring.annotation;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.bank.AccountTable;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bank participant written with annotations only: every handler runs behind the barrier
 * its annotation names (the {@code @TccTry} ones inherit it from {@link BankApi}).
 */
@RestController
@RequestMapping("/bank")
public class BankParticipant implements BankApi {

    /**
     * Accounts whose operations answer 500 while listed, for a {@link Transfer} whose
     * {@code fail} is {@code DOWN}: a participant that is down until the test brings it
     * back.
     */
    public static final Set<Integer> DOWN = ConcurrentHashMap.newKeySet();

    private final JdbcTemplate jdbc;

    private final CallLog log;

    private final ObjectProvider<NestedTransfers> nested;

    private final AccountTable accounts;

    public BankParticipant(JdbcTemplate jdbc, CallLog log, ObjectProvider<NestedTransfers> nested,
            @Value("${bank.table:account}") String table) {
        this.jdbc = jdbc;
        this.log = log;
        this.nested = nested;
        this.accounts = new AccountTable(table);
    }

    @Override
    @DtmBarrier
    public void withdraw(Transfer transfer) {
        debit(transfer);
        forced(transfer, "withdraw");
        ran("withdraw");
    }

    @DtmBarrier
    @PostMapping("/withdrawRevert")
    public void withdrawRevert(@RequestBody Transfer transfer) {
        credit(transfer);
        ran("withdrawRevert");
    }

    @Override
    @DtmBarrier
    public void deposit(Transfer transfer) {
        credit(transfer);
        forced(transfer, "deposit");
        ran("deposit");
    }

    @DtmBarrier
    @PostMapping("/depositRevert")
    public void depositRevert(@RequestBody Transfer transfer) {
        this.accounts.revertCredit(this.jdbc, transfer.account(), transfer.amount());
        ran("depositRevert");
    }

    @Override
    public void tccWithdrawTry(Transfer transfer) {
        this.accounts.freeze(this.jdbc, transfer.account(), transfer.amount());
        forced(transfer, "tccWithdrawTry");
        ran("tccWithdrawTry");
    }

    @TccConfirm
    @PostMapping("/tccWithdrawConfirm")
    public void tccWithdrawConfirm(@RequestBody Transfer transfer) {
        this.accounts.debitFrozen(this.jdbc, transfer.account(), transfer.amount());
        forcedConfirm(transfer, "tccWithdrawConfirm");
        ran("tccWithdrawConfirm");
    }

    @TccCancel
    @PostMapping("/tccWithdrawCancel")
    public void tccWithdrawCancel(@RequestBody Transfer transfer) {
        this.accounts.unfreeze(this.jdbc, transfer.account(), transfer.amount());
        ran("tccWithdrawCancel");
    }

    @Override
    public void tccDepositTry(Transfer transfer) {
        forced(transfer, "tccDepositTry");
        ran("tccDepositTry");
    }

    @TccConfirm
    @PostMapping("/tccDepositConfirm")
    public void tccDepositConfirm(@RequestBody Transfer transfer) {
        credit(transfer);
        forcedConfirm(transfer, "tccDepositConfirm");
        ran("tccDepositConfirm");
    }

    @TccCancel
    @PostMapping("/tccDepositCancel")
    public void tccDepositCancel(@RequestBody Transfer transfer) {
        ran("tccDepositCancel");
    }

    @Override
    public void tccNestedTry(Transfer transfer) {
        tccWithdrawTry(transfer);
        this.nested.getObject().depositAtOtherBank(Transfer.of(transfer.next(), transfer.amount()));
    }

    @Override
    @XaBranch
    public void xaWithdraw(Transfer transfer) {
        debit(transfer);
        forced(transfer, "xaWithdraw");
        ran("xaWithdraw");
    }

    @Override
    @XaBranch
    public void xaDeposit(Transfer transfer) {
        credit(transfer);
        forced(transfer, "xaDeposit");
        ran("xaDeposit");
    }

    /** Fails every time, after binding a transaction: for the context leak test. */
    @DtmBarrier
    @PostMapping("/boom")
    public void boom(@RequestBody Transfer transfer) {
        throw new IllegalStateException("boom");
    }

    /** What is bound to the thread that serves this plain request. */
    @Override
    public Map<String, String> context() {
        DtmTransaction bound = DtmContextHolder.get();
        return Map.of("thread", Thread.currentThread().getName(), "bound", String.valueOf(bound));
    }

    private void debit(Transfer transfer) {
        this.accounts.debit(this.jdbc, transfer.account(), transfer.amount());
    }

    private void credit(Transfer transfer) {
        this.accounts.credit(this.jdbc, transfer.account(), transfer.amount());
    }

    private void forced(Transfer transfer, String operation) {
        String fail = (transfer.fail() != null) ? transfer.fail() : "";
        if ("FAILURE".equals(fail)) {
            throw new DtmFailureException("forced failure of " + operation);
        }
        if ("DOWN".equals(fail) && DOWN.contains(transfer.account())) {
            throw new IllegalStateException("forced error of " + operation + ": the bank is down");
        }
        if ("ERROR_ONCE".equals(fail) && this.log.firstTime(gid() + operation)) {
            throw new IllegalStateException("forced error of " + operation);
        }
    }

    private void forcedConfirm(Transfer transfer, String operation) {
        if ("CONFIRM_ERROR_ONCE".equals(transfer.fail()) && this.log.firstTime(gid() + operation)) {
            throw new IllegalStateException("forced error of " + operation);
        }
    }

    private void ran(String operation) {
        this.log.ran(gid(), operation);
    }

    private static String gid() {
        return DtmContextHolder.require().gid();
    }

}
