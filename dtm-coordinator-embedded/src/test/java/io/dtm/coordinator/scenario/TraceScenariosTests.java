package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dtm.protocol.TraceParent;

/**
 * The initiator's trace context reaches every branch call, retries by the poller and
 * compensations included.
 */
class TraceScenariosTests extends ScenarioTestBase {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String INITIATOR_SPAN = "00f067aa0ba902b7";

    @Test
    void everyBranchCallOfASagaCarriesAChildOfTheSubmittedTrace() {
        String gid = gid("sagaTraced");
        busi.setOnce(gid, "TransIn", "ERROR", "FAILURE");
        int before = processed.passes(gid);
        HttpReply reply = dtm.post("/api/dtmsvr/submit", saga(gid),
                Map.of("traceparent", "00-" + TRACE_ID + "-" + INITIATOR_SPAN + "-01"));
        assertThat(reply.status()).isEqualTo(200);
        awaitPasses(gid, before + 1);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(busi.routes(gid)).containsExactly("TransOut", "TransIn", "TransIn", "TransInRevert",
                "TransOutRevert");

        List<TraceParent> traces = busi.calls(gid)
            .stream()
            .map(c -> TraceParent.parse(c.headers().get(TraceParent.HEADER)))
            .toList();
        assertThat(traces).hasSize(5).doesNotContainNull();
        assertThat(traces).allSatisfy(t -> {
            assertThat(t.traceId()).isEqualTo(TRACE_ID);
            assertThat(t.flags()).isEqualTo("01");
        });
        assertThat(traces.stream().map(TraceParent::spanId)).doesNotHaveDuplicates().doesNotContain(INITIATOR_SPAN);
        assertThat((String) dtm.transaction(gid).get("ext_data"))
            .contains("\"trace_parent\":\"00-" + TRACE_ID + "-" + INITIATOR_SPAN + "-01\"");
    }

    @Test
    void aMalformedTraceparentIsIgnoredNotStored() {
        String gid = gid("sagaBadTrace");
        int before = processed.passes(gid);
        String hostile = "00-" + TRACE_ID + "-" + INITIATOR_SPAN + "-01\",\"x\":\"y";
        HttpReply reply = dtm.post("/api/dtmsvr/submit", saga(gid), Map.of("traceparent", hostile));
        assertThat(reply.status()).isEqualTo(200);
        awaitPasses(gid, before + 1);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.calls(gid)).hasSize(2)
            .allSatisfy(c -> assertThat(c.headers()).doesNotContainKey("traceparent"));
        assertThat(String.valueOf(dtm.transaction(gid).get("ext_data"))).doesNotContain("trace_parent");
    }

    @Test
    void aSubmitWithoutTraceparentWorksAsBefore() {
        String gid = gid("sagaUntraced");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(busi.calls(gid)).hasSize(2)
            .allSatisfy(c -> assertThat(c.headers()).doesNotContainKey("traceparent"));
    }

}
