package io.dtm.coordinator.scenario;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP face of {@link BarrierBusi}:
 * {@code /api/barrier-busi/{route}?gid&branch_id&op}, SUCCESS unless told to fail.
 */
@RestController
@RequestMapping("/api/barrier-busi")
public class BarrierBusiController {

    private final BarrierBusi busi;

    public BarrierBusiController(BarrierBusi busi) {
        this.busi = busi;
    }

    @RequestMapping("/{route}")
    public ResponseEntity<String> handle(@PathVariable String route, @RequestParam String gid,
            @RequestParam("branch_id") String branchId, @RequestParam String op) {
        if (busi.takeFailure(gid, route)) {
            return ResponseEntity.status(500)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"message\":\"failed before commit\"}");
        }
        busi.apply(gid, branchId, op, route);
        busi.holdAtGate(gid, route);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"dtm_result\":\"SUCCESS\"}");
    }

}
