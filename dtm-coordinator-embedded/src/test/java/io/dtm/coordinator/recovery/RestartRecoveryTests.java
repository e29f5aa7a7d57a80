package io.dtm.coordinator.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.scenario.DtmApi;
import io.dtm.coordinator.scenario.MutableClock;
import io.dtm.coordinator.store.reliability.BusiRecorder;

/**
 * A coordinator stopped after submit while a branch is still running; a new one on the
 * same H2 file finishes the transaction: nothing submitted is lost with the process.
 * Branches are called at least once, so the ones whose results the stopped process had
 * not stored yet are called again (the branch barrier makes that harmless).
 */
class RestartRecoveryTests {

    private static final String TRANS_OUT = "01/action";

    private static final String TRANS_IN = "02/action";

    @TempDir
    Path dataDir;

    @Test
    void newCoordinatorOnTheSameFileFinishesTheSaga() throws Exception {
        CountDownLatch transInArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (BusiRecorder busi = new BusiRecorder(query -> {
            if (TRANS_IN.equals(step(query)) && transInArrived.getCount() > 0) {
                transInArrived.countDown();
                await(release);
            }
            return BusiRecorder.Reply.SUCCESS;
        })) {
            Map<String, Object> props = Map.of("dtm.coordinator.store.jdbc.url",
                    "jdbc:h2:file:" + dataDir.resolve("dtm") + ";DB_CLOSE_ON_EXIT=FALSE",
                    "dtm.coordinator.cron-enabled", "false", "dtm.coordinator.request-timeout", "30s");
            String gid;
            ConfigurableApplicationContext first = CoordinatorOnlyApp.start(props);
            try {
                DtmApi dtm = new DtmApi(CoordinatorOnlyApp.port(first));
                gid = dtm.newGid();
                Map<String, Object> saga = Map.of("gid", gid, "trans_type", "saga", "steps",
                        List.of(Map.of("action", busi.url("TransOut"), "compensate", busi.url("TransOutRevert")),
                                Map.of("action", busi.url("TransIn"), "compensate", busi.url("TransInRevert"))),
                        "payloads", List.of("{\"amount\":30}", "{\"amount\":30}"));
                assertThat(dtm.post("/api/dtmsvr/submit", saga).status()).isEqualTo(200);
                assertThat(transInArrived.await(20, TimeUnit.SECONDS)).isTrue();
            }
            finally {
                first.close();
                release.countDown();
            }

            MutableClock clock = new MutableClock();
            ConfigurableApplicationContext second = CoordinatorOnlyApp.start(props, clock);
            try {
                DtmApi dtm = new DtmApi(CoordinatorOnlyApp.port(second));
                assertThat(dtm.status(gid)).isEqualTo("submitted");
                // TransIn never answered the stopped process; TransOut's result was
                // stored before TransIn started
                assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "prepared");
                CronPoller poller = second.getBean(CronPoller.class);
                assertThat(poller.runOnce()).as("held by the stopped process's pass until its hold ends").isEmpty();
                // the hold of a pass with a 30 s request timeout: 32 s to start calls, 30
                // s for one, 2 s margin
                clock.advance(Duration.ofSeconds(100));
                assertThat(poller.runOnce()).contains(gid);
                assertThat(dtm.status(gid)).isEqualTo("succeed");
                assertThat(dtm.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "succeed");
                List<String> steps = busi.calls(gid).stream().map(c -> c.branchId() + "/" + c.op()).toList();
                assertThat(steps).containsSubsequence(TRANS_OUT, TRANS_IN, TRANS_IN).endsWith(TRANS_IN);
                assertThat(steps.stream().filter(TRANS_IN::equals)).hasSize(2);
            }
            finally {
                second.close();
            }
        }
    }

    private static String step(Map<String, String> query) {
        return query.get("branch_id") + "/" + query.get("op");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
