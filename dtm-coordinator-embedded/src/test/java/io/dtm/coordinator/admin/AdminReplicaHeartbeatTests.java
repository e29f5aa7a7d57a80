package io.dtm.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.dtm.protocol.KvEntry;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;

/** The replica heartbeat on a real store, with a clock the test moves. */
class AdminReplicaHeartbeatTests {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final TransStore store = JdbcStoreFactory.create(JdbcDialect.H2,
            "jdbc:h2:mem:heartbeat-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2, true);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @AfterEach
    void close() {
        store.close();
    }

    private ReplicaHeartbeat heartbeat(String host, int port) {
        Instant started = now.get();
        return new ReplicaHeartbeat(store, clock, INTERVAL,
                () -> ReplicaInfo.starting(host, port, "v1.2.3", started, INTERVAL))
            .beatingByHand();
    }

    private void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Test
    void aReplicaIsLiveForThreeIntervalsAfterItsLastBeat() {
        ReplicaHeartbeat a = heartbeat("node-a", 36789);
        ReplicaHeartbeat b = heartbeat("node-b", 36789);
        a.start();
        b.start();
        try {
            a.beat();
            b.beat();
            LiveReplicas replicas = new LiveReplicas(store, clock);
            assertThat(replicas.live()).extracting(ReplicaInfo::id)
                .containsExactly("node-a:36789@2026-03-01T10:00:00Z", "node-b:36789@2026-03-01T10:00:00Z");
            assertThat(replicas.live().get(0)).satisfies(r -> {
                assertThat(r.version()).isEqualTo("v1.2.3");
                assertThat(r.port()).isEqualTo(36789);
                assertThat(r.heartbeatInterval()).isEqualTo(INTERVAL);
            });

            advance(Duration.ofSeconds(14));
            a.beat();
            assertThat(replicas.live()).extracting(ReplicaInfo::host).containsExactly("node-a", "node-b");
            advance(Duration.ofSeconds(2)); // b last beat 16 s ago: more than three
                                            // intervals
            assertThat(replicas.live()).extracting(ReplicaInfo::host).containsExactly("node-a");
            assertThat(replicas.live().get(0).lastSeen()).isEqualTo(Instant.parse("2026-03-01T10:00:14Z"));
        }
        finally {
            a.stop();
            b.stop();
        }
        assertThat(store.scanKv(ReplicaInfo.KV_CATEGORY, "", 10).kv()).as("a clean stop deletes the row").isEmpty();
    }

    @Test
    void aDeletedRowIsWrittenAgainAndRowsOfReplicasLongGoneAreRemoved() {
        store.createKv(new KvEntry(null, ReplicaInfo.KV_CATEGORY, "dead:1@2026-01-01T00:00:00Z",
                ReplicaInfo.starting("dead", 1, "v0", Instant.parse("2026-01-01T00:00:00Z"), INTERVAL).toJson(), 1,
                now.get(), now.get()));
        store.createKv(new KvEntry(null, ReplicaInfo.KV_CATEGORY, "junk", "not json", 1, now.get(), now.get()));
        ReplicaHeartbeat a = heartbeat("node-a", 1);
        a.start();
        try {
            a.beat();
            assertThat(store.findKv(ReplicaInfo.KV_CATEGORY, "dead:1@2026-01-01T00:00:00Z")).isEmpty();
            assertThat(store.findKv(ReplicaInfo.KV_CATEGORY, "junk")).as("recent, even if unreadable").hasSize(1);
            String id = a.self().orElseThrow().id();
            store.deleteKv(ReplicaInfo.KV_CATEGORY, id);
            advance(INTERVAL);
            a.beat();
            assertThat(store.findKv(ReplicaInfo.KV_CATEGORY, id)).singleElement()
                .satisfies(e -> assertThat(e.v()).contains("\"last_seen\":\"2026-03-01T10:00:05Z\""));
            advance(INTERVAL);
            a.beat();
            assertThat(store.findKv(ReplicaInfo.KV_CATEGORY, id).get(0).version()).isEqualTo(2);
        }
        finally {
            a.stop();
        }
    }

    @Test
    void stopReturnsWithinItsBoundWhenTheStoreDoesNotAnswer() throws InterruptedException {
        TransStore blocking = spy(store);
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(invocation -> {
            deleting.countDown();
            // waiting on a dead connection: interrupts do not end it
            while (true) {
                try {
                    release.await();
                    return true;
                }
                catch (InterruptedException ignored) {
                    // keeps waiting
                }
            }
        }).when(blocking).deleteKv(anyString(), anyString());
        Instant started = now.get();
        ReplicaHeartbeat a = new ReplicaHeartbeat(blocking, clock, INTERVAL,
                () -> ReplicaInfo.starting("node-a", 1, "v1", started, INTERVAL))
            .beatingByHand()
            .stopTimeout(Duration.ofMillis(300));
        a.start();
        try {
            a.beat();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> a.stop());
            assertThat(deleting.getCount()).as("it tried to delete its row").isZero();
            assertThat(a.isRunning()).isFalse();
        }
        finally {
            release.countDown();
        }
    }

    @Test
    void aReplicaWhoseStoreIsUnreachableStopsWithoutWaitingForIt() {
        TransStore unreachable = spy(store);
        doThrow(new IllegalStateException("connection is not available, request timed out after 30000ms"))
            .when(unreachable)
            .findKv(anyString(), anyString());
        Instant started = now.get();
        ReplicaHeartbeat a = new ReplicaHeartbeat(unreachable, clock, INTERVAL,
                () -> ReplicaInfo.starting("node-a", 1, "v1", started, INTERVAL))
            .beatingByHand();
        a.start();
        a.beat();
        a.stop();
        verify(unreachable, never()).deleteKv(anyString(), anyString());
    }

}
