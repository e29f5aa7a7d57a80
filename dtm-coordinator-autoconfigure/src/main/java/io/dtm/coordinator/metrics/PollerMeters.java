package io.dtm.coordinator.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.dtm.coordinator.engine.CronPollListener;

/**
 * The recovery poller: claim attempts by result ({@code claimed}, {@code idle}: none was
 * due, {@code error}: the claim failed), its passes, those that failed, and how many run
 * now. Passes running at the poller's concurrency with every attempt claiming means a
 * backlog.
 */
public class PollerMeters implements CronPollListener {

    static final String CLAIMS = "dtm.poller.claims";
    static final String PASSES = "dtm.poller.pass.duration";
    static final String ACTIVE = "dtm.poller.passes.active";

    static final String FAILED_PASSES = "dtm.poller.pass.failures";

    private final Counter claimed;

    private final Counter idle;

    private final Counter failedClaims;

    private final Counter failedPasses;

    private final Timer passes;

    private final AtomicInteger active = new AtomicInteger();

    public PollerMeters(MeterRegistry registry) {
        this.claimed = claims(registry, "claimed");
        this.idle = claims(registry, "idle");
        this.failedClaims = claims(registry, "error");
        this.failedPasses = Counter.builder(FAILED_PASSES)
            .description("Poller passes that ended with an internal error; their transactions are backed off")
            .register(registry);
        this.passes = Timer.builder(PASSES)
            .description("Passes the recovery poller ran on claimed transactions")
            .register(registry);
        Gauge.builder(ACTIVE, active, AtomicInteger::get).description("Poller passes running now").register(registry);
    }

    private static Counter claims(MeterRegistry registry, String result) {
        return Counter.builder(CLAIMS)
            .description("Claim attempts of the recovery poller")
            .tag("result", result)
            .register(registry);
    }

    @Override
    public void polled(boolean wasClaimed) {
        if (wasClaimed) {
            active.incrementAndGet();
            claimed.increment();
        }
        else {
            idle.increment();
        }
    }

    @Override
    public void claimFailed(Throwable error) {
        failedClaims.increment();
    }

    @Override
    public void passFailed() {
        failedPasses.increment();
    }

    @Override
    public void passEnded(Duration took) {
        active.decrementAndGet();
        passes.record(took);
    }

}
