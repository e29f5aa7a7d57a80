package io.dtm.spring.annotation;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The interface the test banks share with their callers: the Feign clients extend it, the
 * participant implements it (and so inherits the {@code @TccTry} barriers).
 */
public interface BankApi {

    @DtmStep(compensate = "/withdrawRevert")
    @PostMapping("/withdraw")
    void withdraw(@RequestBody Transfer transfer);

    @DtmStep(compensate = "/depositRevert")
    @PostMapping("/deposit")
    void deposit(@RequestBody Transfer transfer);

    @TccTry(confirm = "/tccWithdrawConfirm", cancel = "/tccWithdrawCancel")
    @PostMapping("/tccWithdrawTry")
    void tccWithdrawTry(@RequestBody Transfer transfer);

    @TccTry(confirm = "/tccDepositConfirm", cancel = "/tccDepositCancel")
    @PostMapping("/tccDepositTry")
    void tccDepositTry(@RequestBody Transfer transfer);

    /**
     * Withdraws here, and deposits {@code amount} to account {@code next} of the other
     * bank as a nested branch.
     */
    @TccTry(confirm = "/tccWithdrawConfirm", cancel = "/tccWithdrawCancel")
    @PostMapping("/tccNestedTry")
    void tccNestedTry(@RequestBody Transfer transfer);

    /** A plain call: runs normally even inside a saga. */
    @GetMapping("/context")
    Map<String, String> context();

    @PostMapping("/xaWithdraw")
    void xaWithdraw(@RequestBody Transfer transfer);

    @PostMapping("/xaDeposit")
    void xaDeposit(@RequestBody Transfer transfer);

}
