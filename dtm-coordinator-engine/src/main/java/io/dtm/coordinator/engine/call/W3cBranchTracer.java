package io.dtm.coordinator.engine.call;

import java.util.function.BiConsumer;

import io.dtm.protocol.TraceParent;
import io.dtm.protocol.TransGlobal;

/**
 * Sends each branch call a child of the stored trace context: the same trace, a new span
 * id.
 */
final class W3cBranchTracer implements BranchTracer {

    static final W3cBranchTracer INSTANCE = new W3cBranchTracer();

    private W3cBranchTracer() {
    }

    @Override
    public Pass startPass(TransGlobal global) {
        TraceParent stored = TraceParent.fromExtData(global.getExtData());
        return stored == null ? Pass.NONE : new StoredPass(stored);
    }

    private record StoredPass(TraceParent parent) implements Pass {

        @Override
        public Call startCall(TransGlobal global, String branchId, String op, String url) {
            return new ChildCall(parent.child().format());
        }

        @Override
        public void end(Throwable failure) {
        }
    }

    private record ChildCall(String traceparent) implements Call {

        @Override
        public void inject(BiConsumer<String, String> headers) {
            headers.accept(TraceParent.HEADER, traceparent);
        }

        @Override
        public void end(BranchCallResult result) {
        }
    }

}
