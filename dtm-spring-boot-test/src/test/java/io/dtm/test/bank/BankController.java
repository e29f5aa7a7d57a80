package io.dtm.test.bank;

import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A correct participant: every handler behind the branch barrier (saga, msg and TCC). */
@RestController
@RequestMapping("/api/bank")
public class BankController {

    private final Accounts accounts;

    public BankController(Accounts accounts) {
        this.accounts = accounts;
    }

    @DtmBarrier
    @PostMapping("/TransOut")
    public void transOut(@RequestBody Move move) {
        this.accounts.adjust(move.account(), -move.amount());
    }

    @DtmBarrier
    @PostMapping("/TransOutRevert")
    public void transOutRevert(@RequestBody Move move) {
        this.accounts.adjust(move.account(), move.amount());
    }

    @DtmBarrier
    @PostMapping("/TransIn")
    public void transIn(@RequestBody Move move) {
        this.accounts.adjust(move.account(), move.amount());
    }

    @TccTry
    @PostMapping("/TransOutTry")
    public void transOutTry(@RequestBody Move move) {
        this.accounts.freeze(move.account(), move.amount());
    }

    @TccConfirm
    @PostMapping("/TransOutConfirm")
    public void transOutConfirm(@RequestBody Move move) {
        this.accounts.unfreeze(move.account(), move.amount(), false);
    }

    @TccCancel
    @PostMapping("/TransOutCancel")
    public void transOutCancel(@RequestBody Move move) {
        this.accounts.unfreeze(move.account(), move.amount(), true);
    }

    @TccTry
    @PostMapping("/TransInTry")
    public void transInTry(@RequestBody Move move) {
    }

    @TccConfirm
    @PostMapping("/TransInConfirm")
    public void transInConfirm(@RequestBody Move move) {
        this.accounts.adjust(move.account(), move.amount());
    }

    @TccCancel
    @PostMapping("/TransInCancel")
    public void transInCancel(@RequestBody Move move) {
    }

    /**
     * The back-check of a message prepared by a test: its local transaction always
     * committed.
     */
    @GetMapping("/QueryPrepared")
    public void queryPrepared() {
    }

    @DtmBarrier
    @PostMapping("/TransInRevert")
    public void transInRevert(@RequestBody Move move) {
        this.accounts.adjust(move.account(), -move.amount());
    }

}
