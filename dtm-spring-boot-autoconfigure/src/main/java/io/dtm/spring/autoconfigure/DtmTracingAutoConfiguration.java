package io.dtm.spring.autoconfigure;

import io.dtm.spring.client.TraceHeaders;
import io.dtm.spring.tracing.InboundTraceHeaders;
import io.dtm.spring.tracing.MicrometerTraceHeaders;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The trace headers the client sends the coordinator: the current span's, with Micrometer Tracing; else those of
 * the servlet request being handled, passed on.
 */
@AutoConfiguration(before = DtmClientAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dtm.tracing-enabled", matchIfMissing = true)
public class DtmTracingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	@ConditionalOnBean({ Tracer.class, Propagator.class })
	static class MicrometerTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceHeaders dtmTraceHeaders(Tracer tracer, Propagator propagator) {
			return new MicrometerTraceHeaders(tracer, propagator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "jakarta.servlet.http.HttpServletRequest" }, value = RequestContextHolder.class)
	static class InboundConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceHeaders dtmTraceHeaders() {
			return new InboundTraceHeaders();
		}

	}

}
