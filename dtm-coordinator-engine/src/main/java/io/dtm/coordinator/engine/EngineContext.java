package io.dtm.coordinator.engine;

import java.util.concurrent.Executor;

import io.dtm.coordinator.store.TransStore;

/**
 * What every processing pass shares: storage, time, settings, the branch caller, the
 * alerting, executors and the tracer.
 */
record EngineContext(TransStore store, CoordinatorClock clock, EngineSettings settings, BranchCaller caller,
        AlertWebhook alertWebhook, Executor branchExecutor, BranchTracer tracer) {
}
