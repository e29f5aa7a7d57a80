package io.dtm.test.bank;

import io.dtm.spring.annotation.DtmBarrier;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A broken participant: TransIn is not behind the barrier. Its own check makes a repeated
 * call harmless, but it cannot tell that the transfer was already compensated: a TransIn
 * that arrives after its compensation pays money in that nothing will take back.
 */
@RestController
@RequestMapping("/api/hanging")
public class HangingBankController {

    private final Accounts accounts;

    public HangingBankController(Accounts accounts) {
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

    @PostMapping("/TransIn")
    public void transIn(@RequestParam String gid, @RequestBody Move move) {
        if (this.accounts.notePaidIn(gid)) {
            this.accounts.adjust(move.account(), move.amount());
        }
    }

    @DtmBarrier
    @PostMapping("/TransInRevert")
    public void transInRevert(@RequestBody Move move) {
        this.accounts.adjust(move.account(), -move.amount());
    }

}
