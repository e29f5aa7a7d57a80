package io.dtm.coordinator.engine.call;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets one warning a service through per interval: a service without instances would
 * otherwise log a line at every retry of every transaction that names it. At most
 * {@link #MAX_SERVICES} services are remembered; beyond that the memory is cleared, so a
 * flood of names costs a few extra lines, never unbounded memory.
 */
final class ServiceWarnings {

    static final int MAX_SERVICES = 1024;

    private final long intervalNanos;

    private final LongSupplier nanoTime;

    private final Map<String, Long> lastWarned = new ConcurrentHashMap<>();

    ServiceWarnings(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Whether a warning about {@code service} is due now; when it is, the next is due an
     * interval later. Two threads asking at once get one {@code true}.
     */
    boolean due(String service) {
        long now = nanoTime.getAsLong();
        if (lastWarned.size() >= MAX_SERVICES && !lastWarned.containsKey(service)) {
            lastWarned.clear();
        }
        boolean[] due = new boolean[1];
        lastWarned.compute(service, (name, last) -> {
            if (last == null || now - last >= intervalNanos) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

}
