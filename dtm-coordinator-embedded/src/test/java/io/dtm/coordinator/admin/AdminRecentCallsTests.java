package io.dtm.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchCallListener;
import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.protocol.ReplyOutcome;

/**
 * The in-memory log of recent branch calls: bounded, per transaction, calls still running
 * included.
 */
class AdminRecentCallsTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static BranchCallListener.Call call(String gid, String branchId, String op) {
        return new BranchCallListener.Call(gid, "saga", branchId, op, "http://busi/" + op);
    }

    @Test
    void keepsTheCallsOfATransactionInOrderWithTheirOutcome() {
        RecentBranchCalls log = new RecentBranchCalls(10, () -> T0);
        log.started(call("g1", "01", "action"))
            .ended(new BranchCallResult(ReplyOutcome.RETRYABLE, "http status 500"), 500);
        log.started(call("g2", "01", "action")).ended(new BranchCallResult(ReplyOutcome.SUCCESS, ""), 200);
        log.started(call("g1", "01", "action")).ended(new BranchCallResult(ReplyOutcome.SUCCESS, ""), 200);
        BranchCallListener.Ending running = log.started(call("g1", "02", "action"));

        List<RecentBranchCalls.Record> calls = log.callsOf("g1");
        assertThat(calls).extracting(c -> c.branchId() + "/" + c.op() + "=" + c.result() + "/" + c.httpStatus())
            .containsExactly("01/action=RETRYABLE/500", "01/action=SUCCESS/200", "02/action=null/0");
        assertThat(calls.get(0).message()).isEqualTo("http status 500");
        assertThat(calls.get(0).durationMillis()).isNotNull().isNotNegative();
        assertThat(calls.get(0).startTime()).isEqualTo(T0);
        assertThat(calls.get(2).durationMillis()).isNull();

        running.ended(new BranchCallResult(ReplyOutcome.ONGOING, "ONGOING"), 425);
        assertThat(log.callsOf("g1").get(2).result()).isEqualTo(ReplyOutcome.ONGOING);
        assertThat(log.callsOf("nobody")).isEmpty();
    }

    @Test
    void keepsTheReplyTextOfFailedCallsOnly() {
        RecentBranchCalls log = new RecentBranchCalls(10, () -> T0);
        log.started(call("g", "01", "action"))
            .ended(new BranchCallResult(ReplyOutcome.SUCCESS, "{\"status\":\"UP\",\"secret\":\"s3cr3t\"}"), 200);
        log.started(call("g", "02", "action"))
            .ended(new BranchCallResult(ReplyOutcome.FAILURE, "FAILURE: no stock"), 409);
        log.started(call("g", "03", "action"))
            .ended(new BranchCallResult(ReplyOutcome.RETRYABLE, "http status 503"), 503);

        assertThat(log.callsOf("g")).extracting(RecentBranchCalls.Record::message)
            .containsExactly(null, "FAILURE: no stock", "http status 503");
    }

    @Test
    void dropsTheOldestCallsBeyondItsCapacity() {
        RecentBranchCalls log = new RecentBranchCalls(3, () -> T0);
        for (int i = 1; i <= 5; i++) {
            log.started(call("g", String.format("%02d", i), "action"))
                .ended(new BranchCallResult(ReplyOutcome.RETRYABLE, "x".repeat(1000)), 500);
        }
        assertThat(log.callsOf("g")).extracting(RecentBranchCalls.Record::branchId).containsExactly("03", "04", "05");
        assertThat(log.callsOf("g").get(0).message()).hasSize(303);
        assertThat(log.capacity()).isEqualTo(3);
        assertThatThrownBy(() -> new RecentBranchCalls(0, () -> T0)).hasMessageContaining("recent-calls");
    }

}
