package io.dtm.spring.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.spring.bank.AccountTable;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.xa.XaParticipant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bank participant: one table of accounts, every operation behind the branch barrier
 * (or in an XA branch), and counters of how often each business actually ran.
 */
@RestController
@RequestMapping("/api/bank")
public class BankController {

    private final JdbcTemplate jdbc;

    private final ObjectProvider<JdbcBarrier> barrier;

    private final ObjectProvider<XaParticipant> xa;

    private final DtmClient dtmClient;

    private final AccountTable accounts;

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public BankController(JdbcTemplate jdbc, ObjectProvider<JdbcBarrier> barrier, ObjectProvider<XaParticipant> xa,
            DtmClient dtmClient, @Value("${bank.table:bank_account}") String table) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.xa = xa;
        this.dtmClient = dtmClient;
        this.accounts = new AccountTable(table);
    }

    @PostMapping("/withdraw")
    public Map<String, String> withdraw(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            forced(request);
            debit(jdbc, request);
            count("withdraw");
        });
        return Map.of("dtm_result", "SUCCESS");
    }

    @PostMapping("/withdrawRevert")
    public void withdrawRevert(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            credit(jdbc, request);
            count("withdrawRevert");
        });
    }

    @PostMapping("/deposit")
    public void deposit(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            forced(request);
            credit(jdbc, request);
            count("deposit");
        });
    }

    @PostMapping("/depositRevert")
    public void depositRevert(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            this.accounts.revertCredit(jdbc, request.account(), request.amount());
            count("depositRevert");
        });
    }

    @PostMapping("/tccWithdrawTry")
    public void tccWithdrawTry(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            forced(request);
            this.accounts.freeze(jdbc, request.account(), request.amount());
            count("tccWithdrawTry");
        });
    }

    @PostMapping("/tccWithdrawConfirm")
    public void tccWithdrawConfirm(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            this.accounts.debitFrozen(jdbc, request.account(), request.amount());
            count("tccWithdrawConfirm");
        });
    }

    @PostMapping("/tccWithdrawCancel")
    public void tccWithdrawCancel(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            this.accounts.unfreeze(jdbc, request.account(), request.amount());
            count("tccWithdrawCancel");
        });
    }

    @PostMapping("/tccDepositTry")
    public void tccDepositTry(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            forced(request);
            count("tccDepositTry");
        });
    }

    @PostMapping("/tccDepositConfirm")
    public void tccDepositConfirm(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> {
            credit(jdbc, request);
            count("tccDepositConfirm");
        });
    }

    @PostMapping("/tccDepositCancel")
    public void tccDepositCancel(@RequestBody BankRequest request) {
        this.barrier.getObject().call((jdbc) -> count("tccDepositCancel"));
    }

    /**
     * A TCC try that starts a nested branch on {@code next} (a bank base URL) from inside
     * this branch.
     */
    @PostMapping("/tccNestedTry")
    public Map<String, String> tccNestedTry(@RequestBody BankRequest request) {
        tccWithdrawTry(request);
        String next = request.next();
        this.dtmClient.tccFromContext()
            .callBranch(request.next(null), next + "/tccDepositTry", next + "/tccDepositConfirm",
                    next + "/tccDepositCancel");
        return Map.of("branch_id", DtmContextHolder.require().branchId());
    }

    @PostMapping("/xaWithdraw")
    public void xaWithdraw(@RequestBody BankRequest request) {
        this.xa.getObject().xaLocal((jdbc) -> {
            forced(request);
            debit(jdbc, request);
            count("xaWithdraw");
        });
    }

    @PostMapping("/xaDeposit")
    public void xaDeposit(@RequestBody BankRequest request) {
        this.xa.getObject().xaLocal((jdbc) -> {
            credit(jdbc, request);
            forced(request);
            count("xaDeposit");
        });
    }

    @GetMapping("/balance")
    public Map<String, Long> balance(@RequestParam(defaultValue = "1") int account) {
        return this.accounts.holding(this.jdbc, account);
    }

    @GetMapping("/count")
    public int ranCount(@RequestParam String op) {
        AtomicInteger count = this.counts.get(op);
        return (count != null) ? count.get() : 0;
    }

    private void count(String op) {
        this.counts.computeIfAbsent(op, (key) -> new AtomicInteger()).incrementAndGet();
    }

    private void debit(JdbcTemplate jdbc, BankRequest request) {
        this.accounts.debit(jdbc, request.account(), request.amount());
    }

    private void credit(JdbcTemplate jdbc, BankRequest request) {
        this.accounts.credit(jdbc, request.account(), request.amount());
    }

    private static void forced(BankRequest request) {
        String result = (request.result() != null) ? request.result() : "";
        switch (result) {
            case "FAILURE" -> throw new DtmFailureException("forced failure");
            case "ONGOING" -> throw new DtmOngoingException("forced ongoing");
            case "ERROR" -> throw new IllegalStateException("forced error");
            default -> {
            }
        }
    }

}
