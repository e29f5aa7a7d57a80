package io.dtm.spring.tracing;

import java.util.function.BiConsumer;

import io.dtm.protocol.TraceParent;
import io.dtm.spring.client.TraceHeaders;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Without a tracer: passes on the {@code traceparent} (and {@code tracestate}) of the
 * servlet request being handled, when it has a valid one, so an application that does not
 * trace still keeps its caller's trace together.
 */
public class InboundTraceHeaders implements TraceHeaders {

    private static final int MAX_TRACESTATE = 512;

    @Override
    public void inject(BiConsumer<String, String> headers) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return;
        }
        HttpServletRequest request = servlet.getRequest();
        String traceparent = request.getHeader(TraceParent.HEADER);
        if (TraceParent.parse(traceparent) == null) {
            return;
        }
        headers.accept(TraceParent.HEADER, traceparent);
        String tracestate = request.getHeader(TraceParent.STATE_HEADER);
        if (isTracestate(tracestate)) {
            headers.accept(TraceParent.STATE_HEADER, tracestate);
        }
    }

    /** Printable ASCII within W3C's size limit: never a header-injection vector. */
    static boolean isTracestate(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TRACESTATE) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

}
