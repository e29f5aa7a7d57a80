package io.dtm.chaos;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Elapsed time since the run started, and the run's event log on stdout (UTC, as the
 * coordinators log).
 */
final class Clock {

    private final long start = System.nanoTime();

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    void log(String message) {
        System.out.printf("[chaos %6.1fs %sZ] %s%n", seconds(),
                LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), message);
    }

}
