package io.dtm.coordinator.engine.call;

import java.util.function.BiConsumer;

import io.dtm.protocol.TraceParent;
import io.dtm.protocol.TransGlobal;

/**
 * Carries the initiator's trace into the coordinator's work on a transaction: each
 * processing pass, and each branch call of a pass, whose request gets the headers of a
 * child trace context. The default, {@link #w3c()}, only forwards the stored
 * {@code traceparent} with a new span id; an implementation backed by a tracer records
 * spans.
 */
public interface BranchTracer {

    /** Starts tracing one pass over {@code global}; the pass ends it. */
    Pass startPass(TransGlobal global);

    /**
     * Starts tracing an API operation (prepare, submit) whose request carried the
     * initiator's {@code trace}; the returned scope ends it. Nothing is traced unless
     * overridden.
     */
    default Operation startOperation(String name, String gid, String transType, TraceParent trace) {
        return Operation.NONE;
    }

    /** Forwards the trace context stored with a transaction, recording nothing. */
    static BranchTracer w3c() {
        return W3cBranchTracer.INSTANCE;
    }

    /** Keeps no trace context, traces nothing and sends no trace headers. */
    static BranchTracer off() {
        return OffBranchTracer.INSTANCE;
    }

    /** Whether a transaction keeps its initiator's trace context. */
    default boolean keepsTraceContext() {
        return true;
    }

    /** The trace of one API operation. */
    interface Operation extends AutoCloseable {

        Operation NONE = () -> {
        };

        @Override
        void close();

    }

    /** The trace of one pass. Its calls may start on any thread. */
    interface Pass {

        /** For a transaction that has no trace context. */
        Pass NONE = new Pass() {

            @Override
            public Call startCall(TransGlobal global, String branchId, String op, String url) {
                return Call.NONE;
            }

            @Override
            public void end(Throwable failure) {
            }
        };

        Call startCall(TransGlobal global, String branchId, String op, String url);

        /**
         * @param failure what stopped the pass, or {@code null}
         */
        void end(Throwable failure);

    }

    /** The trace of one branch call. */
    interface Call {

        Call NONE = new Call() {

            @Override
            public void inject(BiConsumer<String, String> headers) {
            }

            @Override
            public void end(BranchCallResult result) {
            }
        };

        /**
         * Adds the trace headers ({@code traceparent}, {@code tracestate}) of this call
         * to its request.
         */
        void inject(BiConsumer<String, String> headers);

        void end(BranchCallResult result);

    }

}
