package io.dtm.coordinator.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.dtm.coordinator.engine.call.BranchCallListener;

/** Counts and times the engine's calls to branches by mode, operation and outcome. */
public class BranchCallMeters implements BranchCallListener {

    static final String PROCESS = "dtm.branch.process";
    static final String DURATION = "dtm.branch.call.duration";

    private final MeterRegistry registry;

    /** The meters of each set of tags, looked up in the registry once. */
    private final Map<Tags, Meters> meters = new ConcurrentHashMap<>();

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
            Meters forCall = meters.computeIfAbsent(new Tags(model, op, status), this::register);
            forCall.calls().increment();
            forCall.duration().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        };
    }

    private Meters register(Tags tags) {
        return new Meters(
                Counter.builder(PROCESS)
                    .description("Calls to branches")
                    .tag("model", tags.model())
                    .tag("branchtype", tags.op())
                    .tag("status", tags.status())
                    .register(registry),
                Timer.builder(DURATION)
                    .description("Time of a call to a branch")
                    .tag("model", tags.model())
                    .tag("branchtype", tags.op())
                    .tag("status", tags.status())
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(Histograms.CALL_SLOS)
                    .minimumExpectedValue(Histograms.CALL_MIN)
                    .maximumExpectedValue(Histograms.CALL_MAX)
                    .register(registry));
    }

    private record Tags(String model, String op, String status) {
    }

    private record Meters(Counter calls, Timer duration) {
    }

}
