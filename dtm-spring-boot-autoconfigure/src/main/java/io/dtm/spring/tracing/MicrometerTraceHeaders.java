package io.dtm.spring.tracing;

import java.util.function.BiConsumer;

import io.dtm.spring.client.TraceHeaders;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The current span's context, in the headers of the tracer's propagation (W3C with Boot's
 * defaults).
 */
public class MicrometerTraceHeaders implements TraceHeaders {

    private final Tracer tracer;

    private final Propagator propagator;

    public MicrometerTraceHeaders(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void inject(BiConsumer<String, String> headers) {
        TraceContext context = this.tracer.currentTraceContext().context();
        if (context != null) {
            this.propagator.inject(context, headers, BiConsumer::accept);
        }
    }

}
