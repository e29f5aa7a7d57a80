package io.dtm.coordinator.metrics;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.dtm.coordinator.engine.BranchCallListener;

/** Counts and times the engine's calls to branches by mode, operation and outcome. */
public class BranchCallMeters implements BranchCallListener {

    static final String PROCESS = "dtm.branch.process";
    static final String DURATION = "dtm.branch.call.duration";

    private final MeterRegistry registry;

    public BranchCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Ending started(Call call) {
        long started = System.nanoTime();
        String model = WireTags.model(call.transType());
        String op = WireTags.op(call.op());
        return (result, httpStatus) -> {
            String status = result.result().name().toLowerCase(Locale.ROOT);
            Counter.builder(PROCESS)
                .description("Calls to branches")
                .tag("model", model)
                .tag("branchtype", op)
                .tag("status", status)
                .register(registry)
                .increment();
            Timer.builder(DURATION)
                .description("Time of a call to a branch")
                .tag("model", model)
                .tag("branchtype", op)
                .tag("status", status)
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        };
    }

}
