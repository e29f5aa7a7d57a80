package io.dtm.coordinator.autoconfigure;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

import io.dtm.coordinator.observation.TracingBranchTracer;

/**
 * Traces the coordinator's passes and branch calls with Micrometer Tracing, when the
 * application has a {@link Tracer} and a {@link Propagator} (Spring Boot's OpenTelemetry
 * or Brave tracing).
 */
@AutoConfiguration(before = DtmCoordinatorEngineAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" })
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean({ Tracer.class, Propagator.class })
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@ConditionalOnBooleanProperty(name = "dtm.coordinator.tracing-enabled", matchIfMissing = true)
public final class DtmCoordinatorTracingAutoConfiguration {

    @Bean
    CoordinatorBuilderCustomizer dtmTracingCoordinatorCustomizer(Tracer tracer, Propagator propagator) {
        return (builder) -> builder.branchTracer(new TracingBranchTracer(tracer, propagator));
    }

}
