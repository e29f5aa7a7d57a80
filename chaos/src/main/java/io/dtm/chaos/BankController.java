package io.dtm.chaos;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The saga's four handlers. The business runs in {@link Ledger#apply} behind the barrier;
 * the faults that happen after the local transaction committed (a lost reply, a late
 * reply) are injected here, outside it, and so is the lag of a slow handler.
 */
@RestController
@RequestMapping("/api/bank")
public class BankController {

    private final Ledger ledger;

    /** (gid, branch_id, op) whose one-shot fault has been injected. */
    private final Set<String> injected = ConcurrentHashMap.newKeySet();

    public BankController(Ledger ledger) {
        this.ledger = ledger;
    }

    @PostMapping("/TransOut")
    public ResponseEntity<String> transOut(@RequestBody Transfer t) throws InterruptedException {
        return handle("TransOut", t, t.from(), -t.amount());
    }

    @PostMapping("/TransOutRevert")
    public ResponseEntity<String> transOutRevert(@RequestBody Transfer t) throws InterruptedException {
        return handle("TransOutRevert", t, t.from(), t.amount());
    }

    @PostMapping("/TransIn")
    public ResponseEntity<String> transIn(@RequestBody Transfer t) throws InterruptedException {
        return handle("TransIn", t, t.to(), t.amount());
    }

    @PostMapping("/TransInRevert")
    public ResponseEntity<String> transInRevert(@RequestBody Transfer t) throws InterruptedException {
        return handle("TransInRevert", t, t.to(), -t.amount());
    }

    private ResponseEntity<String> handle(String handler, Transfer t, int account, long delta)
            throws InterruptedException {
        DtmTransaction tx = DtmContextHolder.require();
        String fault = handler.equals(t.faultOn()) && injected.add(tx.gid() + "/" + tx.branchId() + "/" + tx.op())
                ? t.fault() : Transfer.NONE;
        ledger.apply(handler, account, delta, handler.equals(t.refuse()), fault.equals(Transfer.ERROR_BEFORE_COMMIT));
        // committed from here on
        if (fault.equals(Transfer.ERROR_AFTER_COMMIT)) {
            // the body must not contain FAILURE or ONGOING, which the coordinator would
            // read as a result
            return ResponseEntity.status(500).body("{\"message\":\"injected error after commit\"}");
        }
        if (fault.equals(Transfer.SLOW_AFTER_COMMIT)) {
            Thread.sleep(t.slowMs());
        }
        else if (t.laggy().contains(handler)) {
            Thread.sleep(t.lagMs());
        }
        return ResponseEntity.ok("{\"dtm_result\":\"SUCCESS\"}");
    }

}
