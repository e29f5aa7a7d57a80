package io.dtm.coordinator.engine.call;

import io.dtm.protocol.TransGlobal;

/** Tracing turned off: nothing is kept, traced or sent. */
final class OffBranchTracer implements BranchTracer {

    static final OffBranchTracer INSTANCE = new OffBranchTracer();

    private OffBranchTracer() {
    }

    @Override
    public Pass startPass(TransGlobal global) {
        return Pass.NONE;
    }

    @Override
    public boolean keepsTraceContext() {
        return false;
    }

}
