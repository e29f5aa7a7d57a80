package io.dtm.coordinator.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.coordinator.engine.support.CoordinatorClock;

/**
 * Real time plus an offset that tests move forward to make timeouts and retries fall due.
 */
public class MutableClock implements CoordinatorClock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    public void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

}
