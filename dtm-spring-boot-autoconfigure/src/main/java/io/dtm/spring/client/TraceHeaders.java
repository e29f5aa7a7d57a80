package io.dtm.spring.client;

import java.util.function.BiConsumer;

/**
 * Adds the current trace context ({@code traceparent}, {@code tracestate}) to the
 * requests the client sends to the coordinator and to the branches it calls itself, so
 * the coordinator's work joins the initiator's trace.
 */
@FunctionalInterface
public interface TraceHeaders {

    /** Adds nothing. */
    TraceHeaders NONE = (headers) -> {
    };

    void inject(BiConsumer<String, String> headers);

}
