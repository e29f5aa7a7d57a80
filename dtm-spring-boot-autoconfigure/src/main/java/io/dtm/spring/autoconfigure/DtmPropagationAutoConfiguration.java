package io.dtm.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.dtm.spring.feign.DtmFeignClientsConfiguration;
import io.dtm.spring.feign.DtmFeignRequestInterceptor;
import io.dtm.spring.propagation.DtmClientHttpRequestInterceptor;
import io.dtm.spring.propagation.DtmContextTaskDecorator;
import io.dtm.spring.propagation.DtmExchangeFilterFunction;
import io.dtm.spring.propagation.DtmInboundFilter;
import io.dtm.spring.security.TrustedCoordinators;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.openfeign.FeignClientSpecification;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Carries the bound transaction: dtm's query parameters on outbound Feign, RestClient,
 * RestTemplate and WebClient calls, the inbound filter that binds them, and a
 * TaskDecorator for executors. Feign clients also get what their own context may lack
 * (see {@link DtmFeignClientsConfiguration}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmProperties.class)
public final class DtmPropagationAutoConfiguration {

    /**
     * Boot composes every TaskDecorator bean into the executors it builds, so this one
     * adds to the user's.
     */
    @Bean
    @ConditionalOnMissingBean
    DtmContextTaskDecorator dtmContextTaskDecorator() {
        return new DtmContextTaskDecorator();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({ FilterRegistrationBean.class, jakarta.servlet.Filter.class })
    static final class InboundConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "dtmInboundFilter")
        FilterRegistrationBean<DtmInboundFilter> dtmInboundFilter(DtmProperties properties,
                ObjectProvider<DtmUrls> urls) {
            TrustedCoordinators coordinators = new TrustedCoordinators(() -> {
                List<String> trusted = new ArrayList<>(properties.getTrustedServers());
                DtmUrls resolved = urls.getIfAvailable();
                trusted.add((resolved != null) ? resolved.server() : properties.getServer());
                return trusted;
            });
            FilterRegistrationBean<DtmInboundFilter> registration = new FilterRegistrationBean<>(
                    new DtmInboundFilter(coordinators));
            registration.setName("dtmInboundFilter");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            return registration;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.http.client.ClientHttpRequestInterceptor")
    static final class ClientHttpConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DtmClientHttpRequestInterceptor dtmClientHttpRequestInterceptor() {
            return new DtmClientHttpRequestInterceptor();
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(RestClientCustomizer.class)
        static final class RestClientConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "dtmRestClientCustomizer")
            RestClientCustomizer dtmRestClientCustomizer(DtmClientHttpRequestInterceptor interceptor) {
                return (builder) -> builder.requestInterceptor(interceptor);
            }

            @Bean
            @ConditionalOnMissingBean(name = "dtmRestTemplateCustomizer")
            RestTemplateCustomizer dtmRestTemplateCustomizer(DtmClientHttpRequestInterceptor interceptor) {
                return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
            }

        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
    static final class WebClientConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "dtmWebClientCustomizer")
        WebClientCustomizer dtmWebClientCustomizer() {
            return DtmExchangeFilterFunction::apply;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.RequestInterceptor")
    static final class FeignConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DtmFeignRequestInterceptor dtmFeignRequestInterceptor() {
            return new DtmFeignRequestInterceptor();
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.cloud.openfeign.support.FeignHttpMessageConverters")
        static final class FeignClientContextConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "dtmFeignClientSpecification")
            static FeignClientSpecification dtmFeignClientSpecification() {
                return DtmFeignClientsConfiguration.specification();
            }

        }

    }

}
