package io.dtm.bench;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;

/**
 * The TCC participant of the {@code atccN} case, written as a user writes one: each
 * handler runs behind the branch barrier in a local transaction. The try runs
 * {@code sqls} statements (none in {@code atcc0}); confirm and cancel do nothing.
 */
@RestController
@RequestMapping("/api/bench_tcc")
class BenchTccParticipant {

    private final BusiDatabase busi;

    BenchTccParticipant(BusiDatabase busi) {
        this.busi = busi;
    }

    @TccTry
    @PostMapping("/TransOutTry")
    public void transOutTry(@RequestParam int uid, @RequestParam int sqls, @RequestBody Amount req) {
        this.busi.runStatements(uid, -req.amount(), sqls);
    }

    @TccConfirm
    @PostMapping("/TransOutConfirm")
    public void transOutConfirm(@RequestBody Amount req) {
    }

    @TccCancel
    @PostMapping("/TransOutCancel")
    public void transOutCancel(@RequestBody Amount req) {
    }

    @TccTry
    @PostMapping("/TransInTry")
    public void transInTry(@RequestParam int uid, @RequestParam int sqls, @RequestBody Amount req) {
        this.busi.runStatements(uid, req.amount(), sqls);
    }

    @TccConfirm
    @PostMapping("/TransInConfirm")
    public void transInConfirm(@RequestBody Amount req) {
    }

    @TccCancel
    @PostMapping("/TransInCancel")
    public void transInCancel(@RequestBody Amount req) {
    }

}
