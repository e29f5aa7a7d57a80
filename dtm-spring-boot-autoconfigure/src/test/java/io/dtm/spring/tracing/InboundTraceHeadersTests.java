package io.dtm.spring.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class InboundTraceHeadersTests {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @AfterEach
    void unbind() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void passesOnTheInboundTraceContext() {
        bind(TRACEPARENT, "vendor=abc");
        assertThat(injected()).containsExactly(Map.entry("traceparent", TRACEPARENT),
                Map.entry("tracestate", "vendor=abc"));
    }

    @Test
    void ignoresAMalformedTraceparentAndABadTracestate() {
        bind("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX: y", "vendor=abc");
        assertThat(injected()).isEmpty();
        bind("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null);
        assertThat(injected()).isEmpty();
        bind(TRACEPARENT, "a=b\nX: y");
        assertThat(injected()).containsOnlyKeys("traceparent");
    }

    @Test
    void sendsNothingOutsideARequest() {
        assertThat(injected()).isEmpty();
    }

    private static Map<String, String> injected() {
        Map<String, String> headers = new LinkedHashMap<>();
        new InboundTraceHeaders().inject(headers::put);
        return headers;
    }

    private static void bind(String traceparent, String tracestate) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("traceparent", traceparent);
        if (tracestate != null) {
            request.addHeader("tracestate", tracestate);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

}
