package io.dtm.bench;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;

/**
 * dtm's bench service: TransOut/TransIn and their compensations run {@code sqls}
 * statements in a local transaction; TCC try/confirm/cancel likewise. The user and the
 * statement count come in the query string, so the payload stays a fixed JSON text.
 */
@RestController
@RequestMapping("/api/busi_bench")
class BenchBusiController {

    private static final ResponseEntity<String> SUCCESS = ResponseEntity.ok()
        .header("Content-Type", "application/json")
        .body("{\"dtm_result\":\"SUCCESS\"}");

    private final BusiDatabase busi;

    private final JdbcBarrier barrier;

    BenchBusiController(BusiDatabase busi) {
        this.busi = busi;
        this.barrier = new JdbcBarrier("barrier", busi.dataSource());
    }

    /**
     * {@code barrier=true}: the statements run behind dtm's branch barrier, in the
     * barrier's local transaction.
     */
    @PostMapping("/{route}")
    ResponseEntity<String> branch(@PathVariable String route, @RequestParam(defaultValue = "1") int uid,
            @RequestParam(defaultValue = "0") int sqls, @RequestParam(defaultValue = "false") boolean barrier,
            @RequestParam(required = false) String gid,
            @RequestParam(name = "trans_type", required = false) String transType,
            @RequestParam(name = "branch_id", required = false) String branchId,
            @RequestParam(required = false) String op) {
        long amount = route.startsWith("TransOut") ^ route.endsWith("Com") ? -30 : 30;
        if (barrier) {
            this.barrier.call(BranchBarrier.of(transType, gid, branchId, op), busi.dataSource(),
                    jdbc -> busi.runStatements(uid, amount, sqls));
        }
        else {
            busi.adjust(uid, amount, sqls);
        }
        return SUCCESS;
    }

}
