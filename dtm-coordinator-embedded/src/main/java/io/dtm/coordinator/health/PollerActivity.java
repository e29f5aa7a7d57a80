package io.dtm.coordinator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.coordinator.engine.CronPollListener;

/** When the recovery poller last tried a claim, and how many of its passes run now. */
public class PollerActivity implements CronPollListener {

    private final Clock clock;

    private final AtomicInteger activePasses = new AtomicInteger();

    private volatile Instant lastPoll;

    public PollerActivity(Clock clock) {
        this.clock = clock;
        this.lastPoll = clock.instant();
    }

    @Override
    public void polled(boolean claimed) {
        lastPoll = clock.instant();
        if (claimed) {
            activePasses.incrementAndGet();
        }
    }

    @Override
    public void passEnded(Duration took) {
        activePasses.decrementAndGet();
    }

    /** The last claim attempt, or when this was created if there was none yet. */
    public Instant lastPoll() {
        return lastPoll;
    }

    public int activePasses() {
        return activePasses.get();
    }

}
