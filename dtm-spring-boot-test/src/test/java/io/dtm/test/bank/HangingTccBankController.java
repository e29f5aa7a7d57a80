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
 * A broken TCC participant: TransOutTry and TransOutCancel keep their own checks instead
 * of the barrier. A repeated try or cancel does nothing, and a cancel whose try never ran
 * does nothing, but a try that arrives after its cancel freezes money that nothing will
 * release.
 */
@RestController
@RequestMapping("/api/hanging-tcc")
public class HangingTccBankController {

    private final Accounts accounts;

    public HangingTccBankController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/TransOutTry")
    public void transOutTry(@RequestParam String gid, @RequestBody Move move) {
        if (!this.accounts.tookMoneyOut(gid)) {
            this.accounts.freeze(move.account(), move.amount());
            this.accounts.noteTransferOut(gid);
        }
    }

    @TccConfirm
    @PostMapping("/TransOutConfirm")
    public void transOutConfirm(@RequestBody Move move) {
        this.accounts.unfreeze(move.account(), move.amount(), false);
    }

    @PostMapping("/TransOutCancel")
    public void transOutCancel(@RequestParam String gid, @RequestBody Move move) {
        if (this.accounts.tookMoneyOut(gid) && this.accounts.noteReleased(gid)) {
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
