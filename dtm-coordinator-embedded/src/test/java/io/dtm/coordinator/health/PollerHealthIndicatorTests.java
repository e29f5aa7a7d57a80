package io.dtm.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import io.dtm.coordinator.engine.CronPoller;

class PollerHealthIndicatorTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final CronPoller poller = mock(CronPoller.class);

    private final PollerActivity activity = new PollerActivity(Clock.fixed(START, ZoneOffset.UTC));

    private Status statusAt(Duration sinceStart) {
        Clock now = Clock.fixed(START.plus(sinceStart), ZoneOffset.UTC);
        return new PollerHealthIndicator(poller, activity, true, Duration.ofSeconds(3), 3, now).health().getStatus();
    }

    @Test
    void upWhileItPollsWithinThreeIntervals() {
        when(poller.isRunning()).thenReturn(true);
        assertThat(statusAt(Duration.ofSeconds(9))).isEqualTo(Status.UP);
    }

    @Test
    void downWhenItHasNotPolledForLonger() {
        when(poller.isRunning()).thenReturn(true);
        assertThat(statusAt(Duration.ofSeconds(10))).isEqualTo(Status.DOWN);
    }

    @Test
    void upWhileItsPassesRunHoweverLong() {
        when(poller.isRunning()).thenReturn(true);
        activity.polled(true);
        assertThat(statusAt(Duration.ofMinutes(5))).isEqualTo(Status.UP);
        activity.passEnded(Duration.ofMinutes(5));
        assertThat(statusAt(Duration.ofMinutes(5))).isEqualTo(Status.DOWN);
    }

    @Test
    void downWhenStopped() {
        when(poller.isRunning()).thenReturn(false);
        assertThat(statusAt(Duration.ZERO)).isEqualTo(Status.DOWN);
    }

}
