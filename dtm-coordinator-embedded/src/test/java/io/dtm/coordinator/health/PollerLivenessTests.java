package io.dtm.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Status;

import io.dtm.coordinator.engine.Coordinator;
import io.dtm.coordinator.engine.CronPollListener;
import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;

/** A recovery poller whose loop ended without a stop turns liveness down. */
class PollerLivenessTests {

    private static final EngineSettings SETTINGS = new EngineSettings(Duration.ofSeconds(10), Duration.ofSeconds(35),
            Duration.ofSeconds(3), Duration.ofMillis(100), 3, "", Duration.ofSeconds(2));

    private TransStore store;

    private BranchCaller caller;

    @BeforeEach
    void open() {
        store = JdbcStoreFactory.create(JdbcDialect.H2,
                "jdbc:h2:mem:liveness-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2, true);
        caller = new BranchCaller(BranchCaller.defaultHttpClient(2), SETTINGS.requestTimeout());
    }

    @AfterEach
    void close() throws Exception {
        caller.close();
        store.close();
    }

    @Test
    void aLoopThatEndedWithoutAStopIsDownAndBreaksLiveness() {
        CronPoller poller = Coordinator.builder(store)
            .settings(SETTINGS)
            .branchCaller(caller)
            .executors(Runnable::run, Runnable::run)
            .build()
            .poller();
        AtomicReference<Thread> loop = new AtomicReference<>();
        poller.addListener(new CronPollListener() {
            @Override
            public void claiming() {
                loop.set(Thread.currentThread());
            }
        });
        PollerActivity activity = new PollerActivity(Clock.systemUTC());
        poller.addListener(activity);
        List<Object> events = new CopyOnWriteArrayList<>();
        poller.addListener(new PollerLivenessPublisher(events::add));
        PollerHealthIndicator health = new PollerHealthIndicator(poller, activity, true, SETTINGS.cronInterval(), 3,
                poller.longestPass(), Clock.systemUTC());

        poller.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.get() != null);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(events).isEmpty();

            // something in the process interrupts the poller's thread: its loop ends
            loop.get().interrupt();
            await().atMost(Duration.ofSeconds(10)).until(() -> !poller.isLoopAlive());

            assertThat(poller.isRunning()).as("nobody stopped it").isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsEntry("loopAlive", false);
            assertThat(events).singleElement()
                .isInstanceOfSatisfying(AvailabilityChangeEvent.class,
                        event -> assertThat(event.getState()).isEqualTo(LivenessState.BROKEN));
        }
        finally {
            poller.stop();
        }
        assertThat(events).as("a stop is no death").hasSize(1);
    }

}
