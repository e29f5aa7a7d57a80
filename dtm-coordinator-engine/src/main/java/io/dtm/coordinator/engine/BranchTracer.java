package io.dtm.coordinator.engine;

/**
 * Carries the initiator's trace into the coordinator's work on a transaction.
 *
 * @deprecated since 0.1.0 for removal in favor of
 * {@link io.dtm.coordinator.engine.call.BranchTracer}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public interface BranchTracer extends io.dtm.coordinator.engine.call.BranchTracer {

    /**
     * Forwards the trace context stored with a transaction, recording nothing.
     * @return the tracer
     * @deprecated since 0.1.0 for removal in favor of
     * {@link io.dtm.coordinator.engine.call.BranchTracer#w3c()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static io.dtm.coordinator.engine.call.BranchTracer w3c() {
        return io.dtm.coordinator.engine.call.BranchTracer.w3c();
    }

    /**
     * Keeps no trace context and traces nothing.
     * @return the tracer
     * @deprecated since 0.1.0 for removal in favor of
     * {@link io.dtm.coordinator.engine.call.BranchTracer#off()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static io.dtm.coordinator.engine.call.BranchTracer off() {
        return io.dtm.coordinator.engine.call.BranchTracer.off();
    }

}
