package io.dtm.coordinator.engine.run;

import java.util.concurrent.Executor;

import io.dtm.coordinator.engine.call.AlertWebhook;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.store.TransStore;

/**
 * What every processing pass shares: storage, time, settings, the branch caller, the
 * alerting, executors and the tracer.
 */
public record EngineContext(TransStore store, CoordinatorClock clock, EngineSettings settings, BranchCaller caller,
        AlertWebhook alertWebhook, Executor branchExecutor, BranchTracer tracer) {
}
