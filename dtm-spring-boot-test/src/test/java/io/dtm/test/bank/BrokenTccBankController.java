package io.dtm.test.bank;

import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A broken TCC participant: TransOutCancel is not behind the barrier. It checks that the
 * try froze the money, so a cancel whose try never ran does nothing, but not whether it
 * already released it: a repeated cancel gives the money back twice.
 */
@RestController
@RequestMapping("/api/broken-tcc")
public class BrokenTccBankController {

    private final Accounts accounts;

    public BrokenTccBankController(Accounts accounts) {
        this.accounts = accounts;
    }

    @TccTry
    @PostMapping("/TransOutTry")
    public void transOutTry(@RequestParam String gid, @RequestBody Move move) {
        this.accounts.freeze(move.account(), move.amount());
        this.accounts.noteTransferOut(gid);
    }

    @TccConfirm
    @PostMapping("/TransOutConfirm")
    public void transOutConfirm(@RequestBody Move move) {
        this.accounts.unfreeze(move.account(), move.amount(), false);
    }

    @PostMapping("/TransOutCancel")
    public void transOutCancel(@RequestParam String gid, @RequestBody Move move) {
        if (this.accounts.tookMoneyOut(gid)) {
            this.accounts.unfreeze(move.account(), move.amount(), true);
        }
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

}
