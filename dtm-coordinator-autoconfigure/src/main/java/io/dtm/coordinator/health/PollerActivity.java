package io.dtm.coordinator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.dtm.coordinator.engine.CronPollListener;

/**
 * When the recovery poller's loop last showed life (a claim attempt began or returned,
 * failed ones included: a store that cannot be reached is not a dead poller), whether a
 * claim is under way, and how many of its passes run now.
 */
public class PollerActivity implements CronPollListener {

    private final Clock clock;

    private final AtomicInteger activePasses = new AtomicInteger();

    private volatile Instant lastPoll;

    private volatile boolean claiming;

    public PollerActivity(Clock clock) {
        this.clock = clock;
        this.lastPoll = clock.instant();
    }

    @Override
    public void claiming() {
        lastPoll = clock.instant();
        claiming = true;
    }

    @Override
    public void polled(boolean claimed) {
        if (claimed) {
            activePasses.incrementAndGet();
        }
        lastPoll = clock.instant();
        claiming = false;
    }

    @Override
    public void claimFailed(Throwable error) {
        lastPoll = clock.instant();
        claiming = false;
    }

    @Override
    public void passEnded(Duration took) {
        activePasses.decrementAndGet();
    }

    /** The last claim attempt, or when this was created if there was none yet. */
    public Instant lastPoll() {
        return lastPoll;
    }

    /** Whether a claim attempt has begun and not returned yet. */
    public boolean claimUnderWay() {
        return claiming;
    }

    public int activePasses() {
        return activePasses.get();
    }

}
