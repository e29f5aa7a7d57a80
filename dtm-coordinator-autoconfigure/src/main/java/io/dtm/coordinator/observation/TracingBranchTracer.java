package io.dtm.coordinator.observation;

import java.util.function.BiConsumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.protocol.TraceParent;
import io.dtm.protocol.TransGlobal;

/**
 * Records a span for each prepare and submit that carried the initiator's trace context,
 * one for each processing pass of a traced transaction, parented on the initiator's
 * stored trace context, and a client span for each branch call of the pass, whose context
 * the call carries. Passes of a transaction without a trace context record nothing, so
 * the poller's retries of untraced transactions do not start traces of their own.
 */
public class TracingBranchTracer implements BranchTracer {

    private final Tracer tracer;

    private final Propagator propagator;

    public TracingBranchTracer(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Operation startOperation(String name, String gid, String transType, TraceParent trace) {
        if (trace == null) {
            return Operation.NONE;
        }
        Span span = remoteChild(trace).name("dtm " + name)
            .kind(Span.Kind.SERVER)
            .tag("dtm.gid", gid)
            .tag("dtm.trans_type", transType)
            .start();
        Tracer.SpanInScope scope = tracer.withSpan(span);
        return () -> {
            scope.close();
            span.end();
        };
    }

    @Override
    public Pass startPass(TransGlobal global) {
        TraceParent stored = TraceParent.fromExtData(global.getExtData());
        if (stored == null) {
            return Pass.NONE;
        }
        Span span = remoteChild(stored).name("dtm pass")
            .tag("dtm.gid", global.getGid())
            .tag("dtm.trans_type", global.getTransType().wireName())
            .tag("dtm.status", global.getStatus().wireName())
            .start();
        return new TracedPass(span);
    }

    private final class TracedPass implements Pass {

        private final Span span;

        TracedPass(Span span) {
            this.span = span;
        }

        @Override
        public Call startCall(TransGlobal global, String branchId, String op, String url) {
            Span call = tracer.spanBuilder()
                .setParent(span.context())
                .name("dtm branch " + op)
                .kind(Span.Kind.CLIENT)
                .tag("dtm.gid", global.getGid())
                .tag("dtm.branch_id", branchId)
                .tag("dtm.op", op)
                .remoteServiceName(host(url))
                .start();
            return new TracedCall(call);
        }

        @Override
        public void end(Throwable failure) {
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        }

    }

    private final class TracedCall implements Call {

        private final Span span;

        TracedCall(Span span) {
            this.span = span;
        }

        @Override
        public void inject(BiConsumer<String, String> headers) {
            propagator.inject(span.context(), headers, BiConsumer::accept);
        }

        @Override
        public void end(BranchCallResult result) {
            span.tag("dtm.result", result.result().name());
            span.end();
        }

    }

    private Span.Builder remoteChild(TraceParent parent) {
        return propagator.extract(parent.format(), (carrier, key) -> TraceParent.HEADER.equals(key) ? carrier : null);
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "" : host;
        }
        catch (IllegalArgumentException ex) {
            return "";
        }
    }

}
