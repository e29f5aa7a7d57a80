package io.dtm.samples.woven;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.GlobalTransaction;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank's branch handlers (saga and msg steps, TCC try/confirm/cancel), behind the
 * branch barrier. Each records the gid and what it did.
 */
@RestController
@RequestMapping("/bank")
public class BankController {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @DtmBarrier
    @PostMapping("/transOut")
    public void transOut(@RequestBody Transfer transfer) {
        record("transOut");
    }

    @DtmBarrier
    @PostMapping("/transOutRevert")
    public void transOutRevert(@RequestBody Transfer transfer) {
        record("transOutRevert");
    }

    @DtmBarrier
    @PostMapping("/transIn")
    public void transIn(@RequestBody Transfer transfer) {
        if (transfer.failIn()) {
            throw new DtmFailureException("transIn refused");
        }
        record("transIn");
    }

    @DtmBarrier
    @PostMapping("/transInRevert")
    public void transInRevert(@RequestBody Transfer transfer) {
        record("transInRevert");
    }

    @TccTry
    @PostMapping("/transOutTry")
    public void transOutTry(@RequestBody Transfer transfer) {
        record("transOutTry");
    }

    @TccConfirm
    @PostMapping("/transOutConfirm")
    public void transOutConfirm(@RequestBody Transfer transfer) {
        record("transOutConfirm");
    }

    @TccCancel
    @PostMapping("/transOutCancel")
    public void transOutCancel(@RequestBody Transfer transfer) {
        record("transOutCancel");
    }

    @TccTry
    @PostMapping("/transInTry")
    public void transInTry(@RequestBody Transfer transfer) {
        if (transfer.failIn()) {
            throw new DtmFailureException("transInTry refused");
        }
        record("transInTry");
    }

    @TccConfirm
    @PostMapping("/transInConfirm")
    public void transInConfirm(@RequestBody Transfer transfer) {
        record("transInConfirm");
    }

    @TccCancel
    @PostMapping("/transInCancel")
    public void transInCancel(@RequestBody Transfer transfer) {
        record("transInCancel");
    }

    /** The handlers that ran for {@code gid}, in order. */
    public List<String> calls(String gid) {
        String prefix = gid + ":";
        return this.calls.stream()
            .filter((call) -> call.startsWith(prefix))
            .map((call) -> call.substring(prefix.length()))
            .toList();
    }

    private void record(String handler) {
        this.calls.add(GlobalTransaction.currentGid() + ":" + handler);
    }

}
