package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;

import io.dtm.coordinator.engine.Coordinator;

/**
 * The coordinator's meters after transactions through its HTTP and JSON-RPC API with real
 * branch endpoints.
 */
class CoordinatorMetricsTests extends ScenarioTestBase {

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private Coordinator coordinator;

    @Test
    void aSucceedingSagaIsCountedWithItsBranchCallsAndApiRequests() {
        double submits = count("dtm.server.process", "type", "http", "api", "submit", "status", "OK");
        long submitTimes = timerCount("dtm.server.response.duration", "type", "http", "api", "submit");
        double succeeded = count("dtm.transaction.process", "model", "saga", "status", "succeed");
        long handled = timerCount("dtm.transaction.handled.duration", "model", "saga");
        double actions = count("dtm.branch.process", "model", "saga", "branchtype", "action", "status", "success");
        long actionTimes = timerCount("dtm.branch.call.duration", "model", "saga", "branchtype", "action", "status",
                "success");

        String gid = gid("metricsSaga");
        submitAndWait(saga(gid));
        assertThat(dtm.status(gid)).isEqualTo("succeed");

        awaitCount(submits + 1, "dtm.server.process", "type", "http", "api", "submit", "status", "OK");
        await()
            .untilAsserted(() -> assertThat(timerCount("dtm.server.response.duration", "type", "http", "api", "submit"))
                .isEqualTo(submitTimes + 1));
        assertThat(count("dtm.transaction.process", "model", "saga", "status", "succeed")).isEqualTo(succeeded + 1);
        assertThat(timerCount("dtm.transaction.handled.duration", "model", "saga")).isEqualTo(handled + 1);
        assertThat(count("dtm.branch.process", "model", "saga", "branchtype", "action", "status", "success"))
            .isEqualTo(actions + 2);
        assertThat(timerCount("dtm.branch.call.duration", "model", "saga", "branchtype", "action", "status", "success"))
            .isEqualTo(actionTimes + 2);
        assertThat(timerCount("dtm.store.operation", "operation", "insertGlobal", "outcome", "success")).isPositive();
        assertNoTagHolds(gid);
    }

    @Autowired
    private io.dtm.coordinator.metrics.UnfinishedTransactionsGauge unfinished;

    @Test
    void theUnfinishedGaugeCountsTheStoreByStatusAndMode() {
        unfinished.refresh();
        double submittedSagas = gauge("dtm.transactions.unfinished", "status", "submitted", "model", "saga");
        double preparedTccs = gauge("dtm.transactions.unfinished", "status", "prepared", "model", "tcc");
        double abortingSagas = gauge("dtm.transactions.unfinished", "status", "aborting", "model", "saga");

        String failing = gid("metricsUnfinishedSaga");
        busi.setOnce(failing, "TransOut", "ERROR");
        Map<String, Object> saga = saga(failing);
        saga.put("retry_interval", 3600);
        submitAndWait(saga);
        String tcc = gid("metricsUnfinishedTcc");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(tcc, "tcc")).status()).isEqualTo(200);
        unfinished.refresh();

        assertThat(gauge("dtm.transactions.unfinished", "status", "submitted", "model", "saga"))
            .isEqualTo(submittedSagas + 1);
        assertThat(gauge("dtm.transactions.unfinished", "status", "prepared", "model", "tcc"))
            .isEqualTo(preparedTccs + 1);
        assertThat(gauge("dtm.transactions.unfinished", "status", "aborting", "model", "saga"))
            .isEqualTo(abortingSagas);
        assertThat(gauge("dtm.transactions.unfinished", "status", "aborting", "model", "xa")).isZero();

        assertThat(dtm.post("/api/dtmsvr/forceStop", Map.of("gid", failing)).status()).isEqualTo(200);
        unfinished.refresh();
        assertThat(gauge("dtm.transactions.unfinished", "status", "submitted", "model", "saga"))
            .isEqualTo(submittedSagas);
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void aFailingTccIsCountedOnceAsFailed() {
        double failed = count("dtm.transaction.process", "model", "tcc", "status", "failed");
        double cancels = count("dtm.branch.process", "model", "tcc", "branchtype", "cancel", "status", "success");
        double refused = count("dtm.server.process", "type", "http", "api", "submit", "status", "FAILURE");
        double registered = count("dtm.server.process", "type", "http", "api", "registerTccBranch", "status", "OK");

        String gid = gid("metricsTcc");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/registerTccBranch", tccBranch(gid, "01", "TransOut")).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/registerTccBranch", tccBranch(gid, "02", "TransIn")).status()).isEqualTo(200);
        int before = processed.passes(gid);
        assertThat(dtm.post("/api/dtmsvr/abort", trans(gid, "tcc")).status()).isEqualTo(200);
        awaitPasses(gid, before + 1);
        assertThat(dtm.status(gid)).isEqualTo("failed");
        assertThat(dtm.post("/api/dtmsvr/submit", trans(gid, "tcc")).status()).isEqualTo(409);
        cronPicks(gid);

        assertThat(count("dtm.transaction.process", "model", "tcc", "status", "failed")).isEqualTo(failed + 1);
        assertThat(count("dtm.branch.process", "model", "tcc", "branchtype", "cancel", "status", "success"))
            .isEqualTo(cancels + 2);
        awaitCount(refused + 1, "dtm.server.process", "type", "http", "api", "submit", "status", "FAILURE");
        awaitCount(registered + 2, "dtm.server.process", "type", "http", "api", "registerTccBranch", "status", "OK");
        assertNoTagHolds(gid);
    }

    @Test
    void aTccSubmitLooksUpItsPreparedTransactionInsteadOfInsertingIt() {
        String gid = gid("metricsTccSubmit");
        long inserts = timerCount("dtm.store.operation", "operation", "insertGlobal", "outcome", "success");
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/registerTccBranch", tccBranch(gid, "01", "TransOut")).status()).isEqualTo(200);
        assertThat(timerCount("dtm.store.operation", "operation", "insertGlobal", "outcome", "success"))
            .isEqualTo(inserts + 1);

        submitAndWait(trans(gid, "tcc"));

        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(timerCount("dtm.store.operation", "operation", "insertGlobal", "outcome", "success"))
            .isEqualTo(inserts + 1);
    }

    @Test
    void jsonRpcCallsAreTaggedByMethodAndOutcome() {
        double newGids = count("dtm.server.process", "type", "jsonrpc", "api", "newGid", "status", "OK");
        double unknown = count("dtm.server.process", "type", "jsonrpc", "api", "unknown", "status", "ERROR");

        assertThat(dtm.post("/api/json-rpc", Map.of("jsonrpc", "2.0", "id", "1", "method", "newGid")).status())
            .isEqualTo(200);
        assertThat(dtm.post("/api/json-rpc", Map.of("jsonrpc", "2.0", "id", "2", "method", "noSuchMethod-42")).status())
            .isEqualTo(200);

        awaitCount(newGids + 1, "dtm.server.process", "type", "jsonrpc", "api", "newGid", "status", "OK");
        awaitCount(unknown + 1, "dtm.server.process", "type", "jsonrpc", "api", "unknown", "status", "ERROR");
        assertNoTagHolds("noSuchMethod-42");
    }

    @Test
    void unknownRoutesAndGidsInPathsStayOutOfTags() {
        String gid = gid("metricsTopic");
        dtm.delete("/api/dtmsvr/topic/" + gid);
        dtm.get("/api/dtmsvr/" + gid);
        await().untilAsserted(() -> {
            assertThat(registry.find("dtm.server.process").tags("type", "http", "api", "topic").counter()).isNotNull();
            assertThat(registry.find("dtm.server.process").tags("type", "http", "api", "unknown").counter())
                .isNotNull();
        });
        assertNoTagHolds(gid);
    }

    @Test
    void aRequestRefusedBeforeItsRouteIsAnError() {
        double refused = count("dtm.server.process", "type", "http", "api", "unknown", "status", "ERROR");
        assertThat(dtm.post("/api/dtmsvr/submit", "{\"gid\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").status())
            .isEqualTo(413);
        awaitCount(refused + 1, "dtm.server.process", "type", "http", "api", "unknown", "status", "ERROR");
    }

    @Test
    void thePollersClaimAttemptsAreCounted() {
        double attempts = count("dtm.poller.claims", "result", "claimed")
                + count("dtm.poller.claims", "result", "idle");
        poller.runOnce();
        poller.runOnce();
        assertThat(count("dtm.poller.claims", "result", "claimed") + count("dtm.poller.claims", "result", "idle"))
            .isEqualTo(attempts + 2);
        assertThat(registry.find("dtm.poller.passes.active").gauge()).isNotNull();
    }

    @Test
    void theStoreIsMetered() {
        assertThat(coordinator.store().getClass().getSimpleName()).isEqualTo("MeteredTransStore");
    }

    private Map<String, String> tccBranch(String gid, String branchId, String prefix) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", "tcc");
        body.put("branch_id", branchId);
        body.put("status", "prepared");
        body.put("data", "{\"amount\":30}");
        body.put("confirm", busiUrl() + "/" + prefix + "Confirm");
        body.put("cancel", busiUrl() + "/" + prefix + "Revert");
        return body;
    }

    /**
     * The API's meters are recorded once its filter returns, which may be after the
     * client has the reply.
     */
    private void awaitCount(double expected, String name, String... tags) {
        await().untilAsserted(() -> assertThat(count(name, tags)).isEqualTo(expected));
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long timerCount(String name, String... tags) {
        Timer timer = registry.find(name).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    private void assertNoTagHolds(String text) {
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().startsWith("dtm.")) {
                assertThat(meter.getId().getTags()).extracting(Tag::getValue).noneMatch(v -> v.contains(text));
            }
        }
    }

}
