package io.dtm.spring.autoconfigure;

import io.dtm.spring.client.TraceHeaders;
import io.dtm.spring.tracing.InboundTraceHeaders;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Without a tracer: the trace headers of the servlet request being handled, passed on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest", value = RequestContextHolder.class)
final class InboundTraceHeadersConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceHeaders dtmTraceHeaders() {
        return new InboundTraceHeaders();
    }

}
