package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;

class CoordinatorTests {

    private static final EngineSettings SETTINGS = new EngineSettings(Duration.ofSeconds(10), Duration.ofSeconds(35),
            Duration.ofSeconds(3), Duration.ofSeconds(3), 3, "", Duration.ofSeconds(2));

    private static final Executor SAME_THREAD = Runnable::run;

    private TransStore store;

    private BranchCaller caller;

    @BeforeEach
    void open() {
        store = JdbcStoreFactory.create(JdbcDialect.H2,
                "jdbc:h2:mem:coordinator-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2, true);
        caller = new BranchCaller(BranchCaller.defaultHttpClient(2), SETTINGS.requestTimeout());
    }

    @AfterEach
    void close() throws Exception {
        caller.close();
        store.close();
    }

    @Test
    void buildNamesWhatIsMissing() {
        assertThatThrownBy(
                () -> Coordinator.builder(store).branchCaller(caller).executors(SAME_THREAD, SAME_THREAD).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("settings(");
        assertThatThrownBy(
                () -> Coordinator.builder(store).settings(SETTINGS).executors(SAME_THREAD, SAME_THREAD).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("branchCaller(");
        assertThatThrownBy(() -> Coordinator.builder(store).settings(SETTINGS).branchCaller(caller).build())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("executors(");
    }

    @Test
    void theBuiltEngineRunsATransactionOnItsClockAndTellsItsListeners() {
        Instant at = Instant.parse("2030-01-02T03:04:05Z");
        List<String> processed = new CopyOnWriteArrayList<>();
        Coordinator coordinator = Coordinator.builder(store)
            .settings(SETTINGS)
            .clock(() -> at)
            .branchCaller(caller)
            .executors(SAME_THREAD, SAME_THREAD)
            .listeners(List.of(g -> processed.add(g.getGid())))
            .build();
        String gid = coordinator.service().newGid();
        // branches without a URL succeed at once: the saga finishes within the submit
        Map<String, String> step = Map.of("action", "", "compensate", "");
        TransRequest request = new TransRequest(gid, "saga");
        request.setSteps(List.of(step, step));
        request.setPayloads(List.of("{}", "{}"));
        request.setProtocol("http");
        request.setWaitResult(true);
        coordinator.service().submit(request);

        TransService.QueryResult result = coordinator.service().query(gid);
        assertThat(result.transaction().getStatus()).isEqualTo(TransStatus.SUCCEED);
        assertThat(result.transaction().getCreateTime()).isEqualTo(at);
        assertThat(result.branches()).extracting((b) -> b.getStatus().wireName())
            .containsExactly("prepared", "succeed", "prepared", "succeed");
        assertThat(processed).containsExactly(gid);
        assertThat(coordinator.poller().isRunning()).as("the poller waits to be started").isFalse();
        assertThat(coordinator.poller().runOnce()).as("nothing is left for the poller").isEmpty();
    }

}
