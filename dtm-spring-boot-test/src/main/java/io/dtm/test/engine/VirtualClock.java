package io.dtm.test.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.util.Assert;

import io.dtm.coordinator.engine.support.CoordinatorClock;

/**
 * The test coordinator's clock: it stands still until the test moves it, and never moves
 * back.
 */
public class VirtualClock implements CoordinatorClock {

    private final AtomicReference<Instant> now;

    public VirtualClock() {
        this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public VirtualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
        return this.now.get();
    }

    public void advance(Duration by) {
        Assert.isTrue(!by.isNegative(), "time moves forward only");
        this.now.updateAndGet((current) -> current.plus(by));
    }

    /** Moves to {@code instant} if it is later than now. */
    public void moveTo(Instant instant) {
        this.now.accumulateAndGet(instant, (current, target) -> target.isAfter(current) ? target : current);
    }

}
