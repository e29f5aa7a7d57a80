package io.dtm.spring.metrics;

import java.util.Locale;

import io.dtm.protocol.BranchOp;
import io.dtm.spring.barrier.BarrierListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts the branch barrier's decisions by operation and outcome. */
public class BarrierMeters implements BarrierListener {

    static final String NAME = "dtm.client.barrier";

    private final MeterRegistry registry;

    public BarrierMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void decided(String op, Outcome outcome) {
        Counter.builder(NAME)
            .description("Branch operations the barrier applied or skipped")
            .tag("op", BranchOp.find(op).map(BranchOp::wireName).orElse("other"))
            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
            .register(this.registry)
            .increment();
    }

}
