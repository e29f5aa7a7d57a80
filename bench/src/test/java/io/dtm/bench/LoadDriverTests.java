package io.dtm.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadDriverTests {

    @Test
    void fixedRateRunsAtMostRateTimesDurationOperations() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LoadDriver.Result r = new LoadDriver(4).runAtRate("count", 100, Duration.ofMillis(500),
                (worker) -> calls.incrementAndGet());
        assertThat(calls.get()).isLessThanOrEqualTo(50);
        assertThat(r.operations()).isEqualTo(calls.get());
        // an operation due in the window but not started in it is an error, not silently
        // dropped
        assertThat(r.operations() + r.errors()).isEqualTo(50);
    }

    @Test
    void fixedRateCountsLatencyFromWhenAnOperationWasDueAndReportsTheMissedOnes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        LoadDriver.Result r = new LoadDriver(1).runAtRate("slow", 100, Duration.ofSeconds(1), (worker) -> {
            calls.incrementAndGet();
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        // one thread, 200 ms each: at most 5 of the 100 due in a second start, the others
        // are missed
        assertThat(calls.get()).isBetween(2, 5);
        assertThat(r.errors()).isEqualTo(100 - r.operations());
        // the second operation was due 10 ms after the start and waited for the first:
        // queueing is latency
        assertThat(r.latencyMicros().getMaxValue()).isGreaterThanOrEqualTo(390_000);
    }

}
