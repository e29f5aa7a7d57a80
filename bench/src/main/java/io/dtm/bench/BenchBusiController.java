package io.dtm.bench;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * dtm's bench service: TransOut/TransIn and their compensations run {@code sqls} statements in a local transaction;
 * TCC try/confirm/cancel likewise. The user and the statement count come in the query string, so the payload
 * stays a fixed JSON text.
 */
@RestController
@RequestMapping("/api/busi_bench")
class BenchBusiController {

    private static final ResponseEntity<String> SUCCESS = ResponseEntity.ok()
            .header("Content-Type", "application/json").body("{\"dtm_result\":\"SUCCESS\"}");

    private final BusiDatabase busi;

    BenchBusiController(BusiDatabase busi) {
        this.busi = busi;
    }

    @PostMapping("/{route}")
    ResponseEntity<String> branch(@PathVariable String route, @RequestParam(defaultValue = "1") int uid,
            @RequestParam(defaultValue = "0") int sqls) {
        long amount = route.startsWith("TransOut") ^ route.endsWith("Com") ? -30 : 30;
        busi.adjust(uid, amount, sqls);
        return SUCCESS;
    }

    static Map<String, String> routes() {
        return Map.of("out", "TransOut", "outCom", "TransOutCom", "in", "TransIn", "inCom", "TransInCom");
    }
}
