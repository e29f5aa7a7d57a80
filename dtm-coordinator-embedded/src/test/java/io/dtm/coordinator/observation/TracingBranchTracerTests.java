package io.dtm.coordinator.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.protocol.TraceParent;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransGlobal;

class TracingBranchTracerTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String INITIATOR_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    private final SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();

    private final TracingBranchTracer branchTracer = tracer();

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void passAndBranchCallSpansJoinTheStoredTrace() {
        TransGlobal g = global("{\"trace_parent\":\"00-" + TRACE_ID + "-" + INITIATOR_SPAN + "-01\"}");
        BranchTracer.Pass pass = branchTracer.startPass(g);
        BranchTracer.Call call = pass.startCall(g, "01", "action", "http://busi.example/api/TransIn");
        Map<String, String> headers = new HashMap<>();
        call.inject(headers::put);
        call.end(new BranchCallResult(ReplyOutcome.FAILURE, "FAILURE"));
        pass.end(null);

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(2).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
        SpanData callSpan = spans.get(0);
        SpanData passSpan = spans.get(1);
        assertThat(passSpan.getName()).isEqualTo("dtm pass");
        assertThat(passSpan.getParentSpanId()).isEqualTo(INITIATOR_SPAN);
        assertThat(callSpan.getName()).isEqualTo("dtm branch action");
        assertThat(callSpan.getParentSpanId()).isEqualTo(passSpan.getSpanId());
        assertThat(callSpan.getAttributes().asMap().toString()).contains("dtm.gid=g1", "dtm.result=FAILURE");
        TraceParent sent = TraceParent.parse(headers.get("traceparent"));
        assertThat(sent.traceId()).isEqualTo(TRACE_ID);
        assertThat(sent.spanId()).isEqualTo(callSpan.getSpanId());
    }

    @Test
    void submitIsASpanOfTheInitiatorsTrace() {
        TraceParent initiator = TraceParent.parse("00-" + TRACE_ID + "-" + INITIATOR_SPAN + "-01");
        branchTracer.startOperation("submit", "g1", "saga", initiator).close();
        branchTracer.startOperation("submit", "g2", "saga", null).close();
        assertThat(exporter.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("dtm submit");
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanId()).isEqualTo(INITIATOR_SPAN);
        });
    }

    @Test
    void anUntracedTransactionRecordsNothing() {
        TransGlobal g = global("");
        BranchTracer.Pass pass = branchTracer.startPass(g);
        BranchTracer.Call call = pass.startCall(g, "01", "action", "http://busi.example/api/TransIn");
        Map<String, String> headers = new HashMap<>();
        call.inject(headers::put);
        call.end(new BranchCallResult(ReplyOutcome.SUCCESS, "SUCCESS"));
        pass.end(null);
        assertThat(headers).isEmpty();
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    private TracingBranchTracer tracer() {
        ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        io.opentelemetry.api.trace.Tracer otel = provider.get("test");
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(otel, current, event -> {
        }, new OtelBaggageManager(current, List.of(), List.of()));
        return new TracingBranchTracer(tracer, new OtelPropagator(propagators, otel));
    }

    private static TransGlobal global(String extData) {
        TransGlobal g = new TransGlobal();
        g.setGid("g1");
        g.setTransType("saga");
        g.setStatus("submitted");
        g.setExtData(extData);
        return g;
    }

}
