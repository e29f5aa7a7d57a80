package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;

/**
 * Processing passes against hostile branch servers, on a movable clock with poller passes
 * run by hand.
 */
class HostileBranchPassTests {

    private static final EngineSettings SETTINGS = new EngineSettings(Duration.ofSeconds(10), Duration.ofSeconds(35),
            Duration.ofSeconds(3), Duration.ofSeconds(3), 3, "", Duration.ofSeconds(2));

    private static final String SUCCESS = "{\"dtm_result\":\"SUCCESS\"}";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-02T03:04:05Z"));

    private final ExecutorService background = Executors.newCachedThreadPool();

    private TransStore store;

    private BranchCaller caller;

    private HostileBranchServer server;

    private Coordinator coordinator;

    @BeforeEach
    void open() {
        store = JdbcStoreFactory.create(JdbcDialect.H2,
                "jdbc:h2:mem:hostile-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4, true);
        caller = new BranchCaller(BranchCaller.defaultHttpClient(8), SETTINGS.requestTimeout());
        coordinator = Coordinator.builder(store)
            .settings(SETTINGS)
            .clock(now::get)
            .branchCaller(caller)
            .executors(background, background)
            .build();
    }

    @AfterEach
    void close() throws Exception {
        background.shutdownNow();
        caller.close();
        if (server != null) {
            server.close();
        }
        store.close();
    }

    private void advance(Duration duration) {
        now.updateAndGet((t) -> t.plus(duration));
    }

    private TransRequest saga(String gid, String url) {
        TransRequest request = new TransRequest(gid, "saga");
        request.setSteps(List.of(Map.of("action", url, "compensate", "")));
        request.setPayloads(List.of("{}"));
        request.setProtocol("http");
        request.setRequestTimeout(10L);
        return request;
    }

    @Test
    void aPollerPassWhileTheSubmitsCallIsInFlightDoesNotCallTheBranchAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = HostileBranchServer
            .start(HostileBranchServer.heldUntil(release, HostileBranchServer.status(200, SUCCESS)));
        String gid = coordinator.service().newGid();
        coordinator.service().submit(saga(gid, server.url("/TransOut")));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls("/TransOut") == 1);

        // on the coordinator's clock the submit's hold has long ended (a pass of another
        // replica could take the transaction over now); this replica's poller does, while
        // the first call is still in flight
        advance(Duration.ofMinutes(5));
        assertThat(coordinator.poller().runOnce()).contains(gid);
        assertThat(server.calls("/TransOut")).as("the branch is not called while a call to it is in flight").isOne();

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        advance(Duration.ofMinutes(5));
        for (int i = 0; i < 3 && !TransStatus.SUCCEED.is(status(gid)); i++) {
            coordinator.poller().runOnce();
            advance(Duration.ofMinutes(5));
        }
        assertThat(status(gid)).isEqualTo(TransStatus.SUCCEED.wireName());
    }

    @Test
    void aFailingSubscriberDoesNotKeepTheOtherSubscribersOfItsTopicFromTheirCalls() throws Exception {
        server = HostileBranchServer.start(Map.of("/broken", HostileBranchServer.status(500, "down"), "/healthy",
                HostileBranchServer.status(200, SUCCESS), "/next", HostileBranchServer.status(200, SUCCESS)));
        coordinator.topics().subscribe("orders", server.url("/broken"), "first, always failing");
        coordinator.topics().subscribe("orders", server.url("/healthy"), "second");
        String gid = coordinator.service().newGid();
        TransRequest msg = new TransRequest(gid, "msg");
        msg.setSteps(List.of(Map.of("action", "topic://orders"), Map.of("action", server.url("/next"))));
        msg.setPayloads(List.of("{}", "{}"));
        msg.setProtocol("http");
        msg.setWaitResult(true);
        try {
            coordinator.service().submit(msg);
        }
        catch (RuntimeException ex) {
            // wait_result reports the failing subscriber
        }

        assertThat(server.calls("/healthy")).isOne();
        assertThat(server.calls("/broken")).isOne();
        assertThat(server.calls("/next")).as("the next step waits for every subscriber of this one").isZero();
        assertThat(coordinator.service().query(gid).branches())
            .extracting(TransBranch::getBranchId, (TransBranch b) -> b.getStatus().wireName())
            .containsExactly(org.assertj.core.groups.Tuple.tuple("01-01", "prepared"),
                    org.assertj.core.groups.Tuple.tuple("01-02", "succeed"),
                    org.assertj.core.groups.Tuple.tuple("02", "prepared"));

        advance(Duration.ofMinutes(5));
        assertThat(coordinator.poller().runOnce()).contains(gid);
        assertThat(server.calls("/broken")).isEqualTo(2);
        assertThat(server.calls("/healthy")).as("a subscriber that succeeded is not called again").isOne();
        assertThat(status(gid)).isEqualTo(TransStatus.SUBMITTED.wireName());
    }

    @Test
    void aSlowSubscriberDoesNotKeepTheOtherSubscribersOfItsTopicFromTheirCalls() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = HostileBranchServer
            .start(Map.of("/slow", HostileBranchServer.heldUntil(release, HostileBranchServer.status(200, SUCCESS)),
                    "/healthy", HostileBranchServer.status(200, SUCCESS)));
        coordinator.topics().subscribe("orders", server.url("/slow"), "first, slow");
        coordinator.topics().subscribe("orders", server.url("/healthy"), "second");
        String gid = coordinator.service().newGid();
        TransRequest msg = new TransRequest(gid, "msg");
        msg.setSteps(List.of(Map.of("action", "topic://orders")));
        msg.setPayloads(List.of("{}"));
        msg.setProtocol("http");
        coordinator.service().submit(msg);

        // the healthy subscriber is called while the slow one has not answered
        await().atMost(Duration.ofSeconds(5)).until(() -> server.calls("/healthy") == 1 && server.calls("/slow") == 1);
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> TransStatus.SUCCEED.is(status(gid)));
    }

    private String status(String gid) {
        return coordinator.service().query(gid).transaction().getStatus().wireName();
    }

}
