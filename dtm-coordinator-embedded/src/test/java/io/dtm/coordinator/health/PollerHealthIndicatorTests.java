package io.dtm.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import io.dtm.coordinator.engine.CronPoller;

class PollerHealthIndicatorTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static final Duration LONGEST_PASS = Duration.ofMinutes(10);

    private final CronPoller poller = mock(CronPoller.class);

    private final PollerActivity activity = new PollerActivity(Clock.fixed(START, ZoneOffset.UTC));

    @BeforeEach
    void running() {
        when(poller.isRunning()).thenReturn(true);
        when(poller.isLoopAlive()).thenReturn(true);
    }

    private Status statusAt(Duration sinceStart) {
        Clock now = Clock.fixed(START.plus(sinceStart), ZoneOffset.UTC);
        return new PollerHealthIndicator(poller, activity, true, Duration.ofSeconds(3), 3, LONGEST_PASS, now).health()
            .getStatus();
    }

    @Test
    void upWhileItPollsWithinThreeIntervals() {
        assertThat(statusAt(Duration.ofSeconds(9))).isEqualTo(Status.UP);
    }

    @Test
    void downWhenItHasNotPolledForLonger() {
        assertThat(statusAt(Duration.ofSeconds(10))).isEqualTo(Status.DOWN);
    }

    @Test
    void upWhileItsPassesRunWithinTheLongestPassThenDownAsStuck() {
        activity.polled(true);
        assertThat(statusAt(Duration.ofSeconds(9).plus(LONGEST_PASS))).isEqualTo(Status.UP);
        assertThat(statusAt(Duration.ofSeconds(10).plus(LONGEST_PASS))).as("a pass stuck past any hold")
            .isEqualTo(Status.DOWN);
        activity.passEnded(Duration.ofMinutes(5));
        assertThat(statusAt(Duration.ofMinutes(5))).isEqualTo(Status.DOWN);
    }

    @Test
    void aSlowOrFailingClaimIsNotADeadPoller() {
        // the store does not answer: the claim waits for a connection, then fails
        activity.claiming();
        assertThat(statusAt(Duration.ofSeconds(30))).isEqualTo(Status.UP);
        activity.claimFailed(new IllegalStateException("connection refused"));
        activity.claiming();
        assertThat(statusAt(Duration.ofSeconds(60))).isEqualTo(Status.UP);
        assertThat(statusAt(Duration.ofSeconds(10).plus(LONGEST_PASS))).as("a claim that never returns")
            .isEqualTo(Status.DOWN);
    }

    @Test
    void downWhenItsLoopHasDiedThoughNotStopped() {
        when(poller.isLoopAlive()).thenReturn(false);
        assertThat(statusAt(Duration.ZERO)).isEqualTo(Status.DOWN);
    }

    @Test
    void downWhenStopped() {
        when(poller.isRunning()).thenReturn(false);
        when(poller.isLoopAlive()).thenReturn(false);
        assertThat(statusAt(Duration.ZERO)).isEqualTo(Status.DOWN);
    }

}
