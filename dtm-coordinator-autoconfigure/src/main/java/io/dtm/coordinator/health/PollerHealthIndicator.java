package io.dtm.coordinator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.dtm.coordinator.engine.CronPoller;

/**
 * The recovery poller is alive: its claim loop runs, and it tried a claim within
 * {@code missedPolls} cron intervals, or, while a claim or a pass is under way (the loop
 * waits for a free worker before the next claim), within that plus the longest a pass can
 * take ({@link CronPoller#longestPass()}). {@code DOWN} when the loop's thread has ended
 * or it is stuck past that bound: a member of the liveness group, so that an orchestrator
 * restarts the replica. {@code UNKNOWN} when the poller is turned off
 * ({@code dtm.coordinator.cron-enabled=false}).
 */
public class PollerHealthIndicator extends AbstractHealthIndicator {

    private final CronPoller poller;

    private final PollerActivity activity;

    private final boolean enabled;

    private final Duration allowedGap;

    private final Duration allowedBusyGap;

    private final Clock clock;

    public PollerHealthIndicator(CronPoller poller, PollerActivity activity, boolean enabled, Duration cronInterval,
            int missedPolls, Duration longestPass, Clock clock) {
        super("dtm poller health check failed");
        this.poller = poller;
        this.activity = activity;
        this.enabled = enabled;
        this.allowedGap = cronInterval.multipliedBy(missedPolls);
        this.allowedBusyGap = allowedGap.plus(longestPass);
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!enabled) {
            builder.unknown().withDetail("enabled", false);
            return;
        }
        Instant last = activity.lastPoll();
        int active = activity.activePasses();
        boolean busy = active > 0 || activity.claimUnderWay();
        Duration gap = busy ? allowedBusyGap : allowedGap;
        boolean running = poller.isRunning();
        boolean loopAlive = poller.isLoopAlive();
        boolean stuck = last.plus(gap).isBefore(clock.instant());
        builder.status(running && loopAlive && !stuck ? Status.UP : Status.DOWN)
            .withDetail("running", running)
            .withDetail("loopAlive", loopAlive)
            .withDetail("lastPoll", last.toString())
            .withDetail("activePasses", active)
            .withDetail("stuckAfter", gap.toString());
    }

}
