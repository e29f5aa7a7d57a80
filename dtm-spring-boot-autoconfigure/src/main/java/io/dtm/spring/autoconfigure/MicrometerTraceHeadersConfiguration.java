package io.dtm.spring.autoconfigure;

import io.dtm.spring.client.TraceHeaders;
import io.dtm.spring.tracing.MicrometerTraceHeaders;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The current span's trace headers, when the application traces with Micrometer Tracing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean({ Tracer.class, Propagator.class })
final class MicrometerTraceHeadersConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceHeaders dtmTraceHeaders(Tracer tracer, Propagator propagator) {
        return new MicrometerTraceHeaders(tracer, propagator);
    }

}
