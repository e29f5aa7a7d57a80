package io.dtm.coordinator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.dtm.coordinator.engine.CronPoller;

/**
 * The recovery poller is alive: it tried a claim within {@code missedPolls} cron
 * intervals, or its passes are still running (it waits for a free worker before the next
 * claim). {@code UNKNOWN} when the poller is turned off
 * ({@code dtm.coordinator.cron-enabled=false}).
 */
public class PollerHealthIndicator extends AbstractHealthIndicator {

    private final CronPoller poller;

    private final PollerActivity activity;

    private final boolean enabled;

    private final Duration allowedGap;

    private final Clock clock;

    public PollerHealthIndicator(CronPoller poller, PollerActivity activity, boolean enabled, Duration cronInterval,
            int missedPolls, Clock clock) {
        super("dtm poller health check failed");
        this.poller = poller;
        this.activity = activity;
        this.enabled = enabled;
        this.allowedGap = cronInterval.multipliedBy(missedPolls);
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
        boolean alive = poller.isRunning() && (active > 0 || !last.plus(allowedGap).isBefore(clock.instant()));
        builder.status(alive ? Status.UP : Status.DOWN)
            .withDetail("running", poller.isRunning())
            .withDetail("lastPoll", last.toString())
            .withDetail("activePasses", active);
    }

}
