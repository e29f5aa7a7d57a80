package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.run.Lease;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;

/**
 * Nothing a claim or a pass throws, {@link Error}s included, ends the recovery poller or
 * reaches its caller; a transaction whose pass keeps failing is backed off with a growing
 * interval. The store is a real H2 one with errors injected for chosen gids.
 */
class CronPollerResilienceTests {

    private static final EngineSettings SETTINGS = new EngineSettings(Duration.ofSeconds(10), Duration.ofSeconds(35),
            Duration.ofSeconds(3), Duration.ofSeconds(3), 3, "", Duration.ofSeconds(2));

    /** The same with a short idle sleep, for a poller running on its own thread. */
    private static final EngineSettings QUICK = new EngineSettings(Duration.ofSeconds(10), Duration.ofSeconds(35),
            Duration.ofSeconds(3), Duration.ofMillis(100), 3, "", Duration.ofSeconds(2));

    private static final Executor SAME_THREAD = Runnable::run;

    /** Submits leave their pass to the poller. */
    private static final Executor NOWHERE = task -> {
    };

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-02T03:04:05Z"));

    /** Gids whose branches cannot be read: the read runs out of memory. */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    /** Gids whose status change fails with an AssertionError. */
    private final Set<String> unwritable = ConcurrentHashMap.newKeySet();

    private TransStore real;

    private TransStore store;

    private BranchCaller caller;

    @BeforeEach
    void open() {
        real = JdbcStoreFactory.create(JdbcDialect.H2, "jdbc:h2:mem:poller-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", 4, true);
        store = spy(real);
        doAnswer(invocation -> {
            if (unreadable.contains(invocation.<String>getArgument(0))) {
                throw new OutOfMemoryError("Java heap space (injected)");
            }
            return invocation.callRealMethod();
        }).when(store).findBranches(anyString());
        doAnswer(invocation -> {
            if (unwritable.contains(invocation.<TransGlobal>getArgument(0).getGid())) {
                throw new AssertionError("injected");
            }
            return invocation.callRealMethod();
        }).when(store).changeGlobalStatus(any(), anyString(), any(), anyList());
        caller = new BranchCaller(BranchCaller.defaultHttpClient(2), SETTINGS.requestTimeout());
    }

    @AfterEach
    void close() throws Exception {
        caller.close();
        real.close();
    }

    private Coordinator coordinator(EngineSettings settings) {
        return Coordinator.builder(store)
            .settings(settings)
            .clock(now::get)
            .branchCaller(caller)
            .executors(SAME_THREAD, NOWHERE)
            .cron(true, 2)
            .build();
    }

    /** A saga whose branches have no URL: they succeed at once. */
    private String submit(Coordinator coordinator) {
        String gid = coordinator.service().newGid();
        Map<String, String> step = Map.of("action", "", "compensate", "");
        TransRequest request = new TransRequest(gid, "saga");
        request.setSteps(List.of(step, step));
        request.setPayloads(List.of("{}", "{}"));
        request.setProtocol("http");
        coordinator.service().submit(request);
        return gid;
    }

    private TransGlobal stored(String gid) {
        return real.findGlobal(gid).orElseThrow();
    }

    private void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Test
    void anErrorReadingATransactionDoesNotEscapeAManualPassAndTheNextOneIsProcessed() {
        Coordinator coordinator = coordinator(SETTINGS);
        String poison = submit(coordinator);
        String healthy = submit(coordinator);
        unreadable.add(poison);
        advance(Duration.ofMinutes(1));

        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThatNoException().isThrownBy(() -> coordinator.poller().runOnce().ifPresent(picked::add));
        }
        assertThat(picked).containsExactlyInAnyOrder(poison, healthy);
        assertThat(stored(healthy).getStatus()).isEqualTo(TransStatus.SUCCEED);
        TransGlobal g = stored(poison);
        assertThat(g.getStatus()).isEqualTo(TransStatus.SUBMITTED);
        assertThat(g.getExtData()).contains("OutOfMemoryError").contains("\"error_passes\":1");
        assertThat(g.getNextCronInterval()).as("backed off: the retry interval doubled").isEqualTo(20);
        assertThat(g.getNextCronTime()).isEqualTo(now.get().plusSeconds(20));
    }

    @Test
    void anErrorInsideAPassIsBackedOffUnderItsHold() {
        Coordinator coordinator = coordinator(SETTINGS);
        String poison = submit(coordinator);
        unwritable.add(poison);
        advance(Duration.ofMinutes(1));

        assertThat(coordinator.poller().runOnce()).contains(poison);
        TransGlobal g = stored(poison);
        assertThat(g.getStatus()).isEqualTo(TransStatus.SUBMITTED);
        assertThat(g.getExtData()).contains("AssertionError").contains("\"error_passes\":1");
        assertThat(g.getNextCronTime()).isEqualTo(now.get().plusSeconds(20));
        assertThat(Lease.of(g.getOwner()).heldAt(now.get())).as("the hold was given up").isFalse();

        unwritable.clear();
        advance(Duration.ofSeconds(21));
        assertThat(coordinator.poller().runOnce()).contains(poison);
        assertThat(stored(poison).getStatus()).isEqualTo(TransStatus.SUCCEED);
    }

    @Test
    void aPoisonTransactionIsClaimedAtGrowingIntervalsNotEveryCronInterval() {
        Coordinator coordinator = coordinator(SETTINGS);
        String poison = submit(coordinator);
        unreadable.add(poison);
        advance(Duration.ofMinutes(1));
        Instant start = now.get();

        List<Instant> claims = new ArrayList<>();
        // five minutes in steps of the cron interval, a claim attempt at each
        for (int step = 0; step < 100; step++) {
            if (coordinator.poller().runOnce().isPresent()) {
                claims.add(now.get());
            }
            advance(SETTINGS.cronInterval());
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < claims.size(); i++) {
            gaps.add(Duration.between(claims.get(i - 1), claims.get(i)).toSeconds());
        }
        assertThat(claims.get(0)).isEqualTo(start);
        // the interval doubles from the retry interval up to max-retry-interval, then
        // stays
        // there: a handful of claims in five minutes instead of one per cron interval
        long cap = SETTINGS.maxRetryInterval().plus(SETTINGS.cronInterval()).toSeconds();
        assertThat(gaps).as("claimed at %s", claims).hasSizeBetween(3, 6).isSorted().allMatch(gap -> gap <= cap);
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(20);
        assertThat(gaps.get(1)).isGreaterThan(gaps.get(0));
        assertThat(stored(poison).getExtData()).contains("\"error_passes\":" + claims.size());
    }

    @Test
    void theLoopOutlivesErrorsInAClaimAndInAPass() {
        AtomicBoolean claimBroken = new AtomicBoolean(true);
        doAnswer(invocation -> {
            if (claimBroken.getAndSet(false)) {
                throw new LinkageError("injected: a driver class failed to load");
            }
            return invocation.callRealMethod();
        }).when(store).lockOneDue(any(), any(), anyString());
        Coordinator coordinator = coordinator(QUICK);
        String poison = submit(coordinator);
        String healthy = submit(coordinator);
        unreadable.add(poison);
        advance(Duration.ofMinutes(1));
        AtomicInteger failedClaims = new AtomicInteger();
        AtomicInteger failedPasses = new AtomicInteger();
        CronPoller poller = coordinator.poller();
        poller.addListener(new CronPollListener() {
            @Override
            public void claimFailed(Throwable error) {
                failedClaims.incrementAndGet();
            }

            @Override
            public void passFailed() {
                failedPasses.incrementAndGet();
            }
        });

        poller.start();
        try {
            await().atMost(Duration.ofSeconds(20))
                .until(() -> stored(healthy).getStatus() == TransStatus.SUCCEED
                        && stored(poison).getExtData().contains("\"error_passes\":1"));
            assertThat(poller.isLoopAlive()).isTrue();
            assertThat(failedClaims).hasValue(1);
            assertThat(failedPasses).hasValue(1);
        }
        finally {
            poller.stop();
        }
    }

    @Test
    void stopReturnsWithinItsBoundWhileTheStoreBlocks() throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(invocation -> {
            blocked.countDown();
            // a read on a dead connection: interrupts do not end it
            while (true) {
                try {
                    release.await();
                    return Optional.empty();
                }
                catch (InterruptedException ignored) {
                    // keeps waiting
                }
            }
        }).when(store).lockOneDue(any(), any(), anyString());
        CronPoller poller = coordinator(QUICK).poller();
        poller.start();
        try {
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            assertTimeoutPreemptively(CronPoller.STOP_TIMEOUT.plusSeconds(2), () -> poller.stop());
            assertThat(poller.isRunning()).isFalse();
        }
        finally {
            release.countDown();
        }
    }

}
