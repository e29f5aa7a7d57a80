package io.dtm.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Import;

/**
 * The trace headers the client sends the coordinator: the current span's, with Micrometer
 * Tracing; else those of the servlet request being handled, passed on.
 */
@AutoConfiguration(before = DtmClientAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dtm.tracing-enabled", matchIfMissing = true)
@Import({ MicrometerTraceHeadersConfiguration.class, InboundTraceHeadersConfiguration.class })
public final class DtmTracingAutoConfiguration {

}
