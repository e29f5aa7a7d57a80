package io.dtm.spring.autoconfigure;

import io.dtm.spring.propagation.DtmClientHttpRequestInterceptor;
import io.dtm.spring.propagation.DtmContextTaskDecorator;
import io.dtm.spring.feign.DtmFeignRequestInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class DtmPropagationAutoConfigurationTests {

    private static final AutoConfigurations PROPAGATION = AutoConfigurations.of(DtmPropagationAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(PROPAGATION);

    @Test
    void outboundPropagationForEveryClientOnTheClasspath() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
            .hasSingleBean(DtmContextTaskDecorator.class)
            .hasSingleBean(DtmClientHttpRequestInterceptor.class)
            .hasBean("dtmRestClientCustomizer")
            .hasBean("dtmRestTemplateCustomizer")
            .hasBean("dtmWebClientCustomizer")
            .hasSingleBean(DtmFeignRequestInterceptor.class)
            .hasBean("dtmFeignClientSpecification")
            .doesNotHaveBean("dtmInboundFilter"));
    }

    @Test
    void theInboundFilterInServletApplications() {
        new WebApplicationContextRunner().withConfiguration(PROPAGATION)
            .run((context) -> assertThat(context).hasNotFailed().hasBean("dtmInboundFilter"));
    }

    @Test
    void eachClientsPropagationNeedsThatClient() {
        this.runner.withClassLoader(new FilteredClassLoader("feign."))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmFeignRequestInterceptor.class)
                .hasBean("dtmWebClientCustomizer"));
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud.openfeign."))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(DtmFeignRequestInterceptor.class)
                .doesNotHaveBean("dtmFeignClientSpecification"));
        this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(WebClientCustomizer.class)
                .hasSingleBean(DtmFeignRequestInterceptor.class));
        this.runner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(DtmClientHttpRequestInterceptor.class)
                .doesNotHaveBean(RestClientCustomizer.class)
                .doesNotHaveBean(RestTemplateCustomizer.class));
    }

    @Test
    void offWhenDtmIsDisabled() {
        new WebApplicationContextRunner().withConfiguration(PROPAGATION)
            .withPropertyValues("dtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmContextTaskDecorator.class)
                .doesNotHaveBean(DtmClientHttpRequestInterceptor.class)
                .doesNotHaveBean("dtmInboundFilter"));
    }

    @Test
    void backsOffForTheApplicationsBeans() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(DtmContextTaskDecorator.class)
                .hasSingleBean(DtmFeignRequestInterceptor.class);
            assertThat(context.getBean(DtmContextTaskDecorator.class)).isSameAs(context.getBean("myDecorator"));
            assertThat(context.getBean("dtmWebClientCustomizer")).isSameAs(UserBeans.WEB_CLIENT_CUSTOMIZER);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final WebClientCustomizer WEB_CLIENT_CUSTOMIZER = (builder) -> {
        };

        @Bean
        DtmContextTaskDecorator myDecorator() {
            return new DtmContextTaskDecorator();
        }

        @Bean
        DtmFeignRequestInterceptor myFeignInterceptor() {
            return new DtmFeignRequestInterceptor();
        }

        @Bean
        WebClientCustomizer dtmWebClientCustomizer() {
            return WEB_CLIENT_CUSTOMIZER;
        }

    }

}
