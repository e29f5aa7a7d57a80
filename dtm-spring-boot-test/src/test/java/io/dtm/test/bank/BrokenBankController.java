package io.dtm.test.bank;

import io.dtm.spring.annotation.DtmBarrier;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A broken participant: TransOutRevert is not behind the barrier. It checks that TransOut
 * took the money out, so an empty compensation does nothing, but not whether it already
 * gave it back: a repeated call refunds twice.
 */
@RestController
@RequestMapping("/api/broken")
public class BrokenBankController {

    private final Accounts accounts;

    public BrokenBankController(Accounts accounts) {
        this.accounts = accounts;
    }

    @DtmBarrier
    @PostMapping("/TransOut")
    public void transOut(@RequestParam String gid, @RequestBody Move move) {
        this.accounts.adjust(move.account(), -move.amount());
        this.accounts.noteTransferOut(gid);
    }

    @PostMapping("/TransOutRevert")
    public void transOutRevert(@RequestParam String gid, @RequestBody Move move) {
        if (this.accounts.tookMoneyOut(gid)) {
            this.accounts.adjust(move.account(), move.amount());
        }
    }

    @DtmBarrier
    @PostMapping("/TransIn")
    public void transIn(@RequestBody Move move) {
        this.accounts.adjust(move.account(), move.amount());
    }

    @DtmBarrier
    @PostMapping("/TransInRevert")
    public void transInRevert(@RequestBody Move move) {
        this.accounts.adjust(move.account(), -move.amount());
    }

}
