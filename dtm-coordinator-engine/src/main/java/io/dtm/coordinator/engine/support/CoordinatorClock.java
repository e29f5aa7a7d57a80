package io.dtm.coordinator.engine.support;

import java.time.Instant;

/**
 * The coordinator's source of "now" for timeouts, retries and stored times. Its own type,
 * so that embedding the coordinator never adds a {@code java.time.Clock} bean to the
 * application; tests swap it to move time.
 */
@FunctionalInterface
public interface CoordinatorClock {

    Instant instant();

    static CoordinatorClock system() {
        return Instant::now;
    }

}
