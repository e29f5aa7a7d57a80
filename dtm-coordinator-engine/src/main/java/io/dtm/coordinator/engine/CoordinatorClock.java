package io.dtm.coordinator.engine;

import java.time.Instant;

/**
 * The coordinator's source of "now".
 *
 * @deprecated since 0.1.0 for removal in favor of
 * {@link io.dtm.coordinator.engine.support.CoordinatorClock}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
@FunctionalInterface
public interface CoordinatorClock extends io.dtm.coordinator.engine.support.CoordinatorClock {

    /**
     * The system clock.
     * @return the clock
     * @deprecated since 0.1.0 for removal in favor of
     * {@link io.dtm.coordinator.engine.support.CoordinatorClock#system()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static CoordinatorClock system() {
        return Instant::now;
    }

}
