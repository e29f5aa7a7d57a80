package io.dtm.coordinator.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.dtm.coordinator.scenario.DtmApi;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.reliability.BusiRecorder;
import io.dtm.protocol.TransStatus;

/**
 * Two coordinators, each with its own recovery poller, on one store, processing many
 * sagas whose branches fail and retry: every transaction ends, and no branch is ever
 * called once its transaction has finished.
 */
class TwoCoordinatorsTests {

    private static final int TRANSACTIONS = 120;

    @Test
    void everyTransactionEndsAndNoBranchIsCalledAfterItsEnd() throws Exception {
        AtomicReference<TransStore> store = new AtomicReference<>();
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        try (BusiRecorder busi = new BusiRecorder(query -> {
            String gid = query.get("gid");
            String step = query.get("branch_id") + "/" + query.get("op");
            String status = store.get().findGlobal(gid).map(g -> g.getStatus().wireName()).orElse("missing");
            if (TransStatus.isFinished(status)) {
                violations.add(gid + " " + step + " called while " + status);
            }
            int attempt = attempts.merge(gid + "/" + step, 1, Integer::sum);
            int n = Math.abs(gid.hashCode());
            if (step.equals("02/action") && n % 5 == 0) {
                return BusiRecorder.Reply.FAILURE;
            }
            if (attempt == 1 && n % 3 == 0) {
                return BusiRecorder.Reply.ERROR;
            }
            if (attempt == 1 && n % 7 == 0) {
                return BusiRecorder.Reply.ONGOING;
            }
            return BusiRecorder.Reply.SUCCESS;
        })) {
            Map<String, Object> props = Map.of("dtm.coordinator.store.jdbc.url",
                    "jdbc:h2:mem:two-coordinators;DB_CLOSE_DELAY=-1", "dtm.coordinator.retry-interval", "1s",
                    "dtm.coordinator.cron-interval", "200ms");
            ConfigurableApplicationContext a = CoordinatorOnlyApp.start(props);
            ConfigurableApplicationContext b = CoordinatorOnlyApp.start(props);
            try {
                store.set(a.getBean(TransStore.class));
                List<DtmApi> apis = List.of(new DtmApi(CoordinatorOnlyApp.port(a)),
                        new DtmApi(CoordinatorOnlyApp.port(b)));
                List<String> gids = new ArrayList<>();
                for (int i = 0; i < TRANSACTIONS; i++) {
                    DtmApi api = apis.get(i % 2);
                    String gid = api.newGid();
                    gids.add(gid);
                    Map<String, Object> saga = Map.of("gid", gid, "trans_type", "saga", "retry_interval", 1, "steps",
                            List.of(Map.of("action", busi.url("TransOut"), "compensate", busi.url("TransOutRevert")),
                                    Map.of("action", busi.url("TransIn"), "compensate", busi.url("TransInRevert"))),
                            "payloads", List.of("{}", "{}"));
                    assertThat(api.post("/api/dtmsvr/submit", saga).status()).isEqualTo(200);
                }
                await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> gids.stream().allMatch(g -> TransStatus.isFinished(apis.get(0).status(g))));
                for (String gid : gids) {
                    boolean failing = Math.abs(gid.hashCode()) % 5 == 0;
                    assertThat(apis.get(0).status(gid)).as(gid).isEqualTo(failing ? "failed" : "succeed");
                    assertThat(apis.get(1).branchStatuses(gid)).as(gid)
                        .isEqualTo(failing ? List.of("succeed", "succeed", "succeed", "failed")
                                : List.of("prepared", "succeed", "prepared", "succeed"));
                }
                assertThat(violations).isEmpty();
            }
            finally {
                a.close();
                b.close();
            }
        }
    }

}
