package io.dtm.protocol;

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A W3C trace context {@code traceparent} (version 00): trace id, parent span id and
 * flags, read strictly. A value that is not exactly {@code 00-<32 hex>-<16 hex>-<2 hex>}
 * in lower case, or whose ids are all zero, is no trace context: {@link #parse} gives
 * {@code null}, so a hostile header is dropped, never stored or forwarded.
 */
public record TraceParent(String traceId, String spanId, String flags) {

    /** The W3C header name. */
    public static final String HEADER = "traceparent";

    /** The W3C header carrying vendor state along with {@link #HEADER}. */
    public static final String STATE_HEADER = "tracestate";

    /** Where the initiator's trace context is kept in a transaction's ext_data. */
    public static final String EXT_DATA_KEY = "trace_parent";

    private static final int LENGTH = 55;

    private static final String ZERO_TRACE = "00000000000000000000000000000000";

    private static final String ZERO_SPAN = "0000000000000000";

    public TraceParent {
        if (!hex(traceId, 0, 32) || !hex(spanId, 0, 16) || !hex(flags, 0, 2) || ZERO_TRACE.equals(traceId)
                || ZERO_SPAN.equals(spanId)) {
            throw new IllegalArgumentException("not a W3C trace context");
        }
    }

    /**
     * The trace context in {@code value}, or {@code null} when it is absent or not a
     * valid version-00 one.
     */
    public static @Nullable TraceParent parse(@Nullable String value) {
        if (value == null || value.length() != LENGTH || value.charAt(0) != '0' || value.charAt(1) != '0'
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-' || !hex(value, 3, 35)
                || !hex(value, 36, 52) || !hex(value, 53, 55)) {
            return null;
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        if (ZERO_TRACE.equals(traceId) || ZERO_SPAN.equals(spanId)) {
            return null;
        }
        return new TraceParent(traceId, spanId, value.substring(53, 55));
    }

    /**
     * The trace context stored in a transaction's ext_data, found without reading the
     * whole JSON: the coordinator itself writes the key with a validated value, so a
     * plain search is enough and costs next to nothing when absent.
     */
    public static @Nullable TraceParent fromExtData(@Nullable String extData) {
        if (extData == null || extData.isEmpty()) {
            return null;
        }
        String key = "\"" + EXT_DATA_KEY + "\":\"";
        int at = extData.indexOf(key);
        if (at < 0 || at + key.length() + LENGTH > extData.length()) {
            return null;
        }
        int start = at + key.length();
        return parse(extData.substring(start, start + LENGTH));
    }

    /** A child context: the same trace and flags, a new random span id. */
    public TraceParent child() {
        return new TraceParent(traceId, newSpanId(), flags);
    }

    /** Whether the initiator sampled the trace. */
    public boolean sampled() {
        return (Character.digit(flags.charAt(1), 16) & 1) == 1;
    }

    /** The header value. */
    public String format() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    @Override
    public String toString() {
        return format();
    }

    static String newSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        }
        while (id == 0);
        String hex = Long.toHexString(id);
        return ZERO_SPAN.substring(hex.length()) + hex;
    }

    private static boolean hex(String s, int from, int to) {
        if (s == null || (from == 0 && s.length() != to)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
