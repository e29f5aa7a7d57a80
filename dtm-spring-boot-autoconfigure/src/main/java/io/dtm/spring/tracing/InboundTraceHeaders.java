package io.dtm.spring.tracing;

import java.util.function.BiConsumer;

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

    static final String TRACEPARENT = "traceparent";

    static final String TRACESTATE = "tracestate";

    private static final int MAX_TRACESTATE = 512;

    @Override
    public void inject(BiConsumer<String, String> headers) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return;
        }
        HttpServletRequest request = servlet.getRequest();
        String traceparent = request.getHeader(TRACEPARENT);
        if (!isTraceparent(traceparent)) {
            return;
        }
        headers.accept(TRACEPARENT, traceparent);
        String tracestate = request.getHeader(TRACESTATE);
        if (isTracestate(tracestate)) {
            headers.accept(TRACESTATE, tracestate);
        }
    }

    /** A version-00 W3C traceparent in lower-case hex with non-zero ids. */
    static boolean isTraceparent(String value) {
        if (value == null || value.length() != 55 || !value.startsWith("00-") || value.charAt(35) != '-'
                || value.charAt(52) != '-') {
            return false;
        }
        for (int i = 3; i < 55; i++) {
            char c = value.charAt(i);
            if (i != 35 && i != 52 && !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return !value.startsWith("00000000000000000000000000000000", 3) && !value.startsWith("0000000000000000", 36);
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
