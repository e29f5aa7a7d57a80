package io.dtm.spring.autoconfigure;

import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.InvalidDtmAnnotationsException;
import io.dtm.spring.annotation.support.AnnotationMethodAdvisor;
import io.dtm.spring.annotation.support.DtmAnnotationValidator;
import io.dtm.spring.annotation.support.WovenAspects;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.feign.BranchUrlResolver;
import io.dtm.spring.feign.DtmFeignCapability;
import io.dtm.spring.feign.DtmFeignRequestInterceptor;
import io.dtm.spring.propagation.DtmClientHttpRequestInterceptor;
import io.dtm.spring.propagation.DtmContextTaskDecorator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dtm auto-configuration starts without OpenFeign and without AspectJ: the
 * annotations of every mode are applied by proxies, the transaction travels with
 * RestClient and executors, and nothing of Feign is configured.
 */
class LeanClasspathAutoConfigurationTests {

    private static final String[] ADVISORS = { "dtmGlobalSagaAdvisor", "dtmGlobalTccAdvisor", "dtmGlobalXaAdvisor",
            "dtmMsgAdvisor", "dtmBarrierAdvisor", "dtmTccTryAdvisor", "dtmTccConfirmAdvisor", "dtmTccCancelAdvisor",
            "dtmXaBranchAdvisor" };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmBarrierAutoConfiguration.class,
                DtmRedisBarrierAutoConfiguration.class, DtmClientAutoConfiguration.class,
                DtmPropagationAutoConfiguration.class, DtmWebAutoConfiguration.class,
                DtmAnnotationAutoConfiguration.class, DtmTracingAutoConfiguration.class,
                DtmClientMetricsAutoConfiguration.class, DtmClientHealthAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader("feign.", "org.springframework.cloud.openfeign.", "org.aspectj."));

    @Test
    void everyModeIsConfiguredWithoutFeignAndAspectJ() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(DtmClient.class)
                .hasSingleBean(Workflows.class)
                .hasSingleBean(DtmAnnotationValidator.class)
                .hasSingleBean(DtmClientHttpRequestInterceptor.class)
                .hasSingleBean(DtmContextTaskDecorator.class)
                .doesNotHaveBean(DtmFeignCapability.class)
                .doesNotHaveBean(DtmFeignRequestInterceptor.class)
                .doesNotHaveBean(BranchUrlResolver.class)
                .doesNotHaveBean(WovenAspects.class)
                .getBeans(AnnotationMethodAdvisor.class)
                .containsOnlyKeys(ADVISORS);
        });
    }

    @Test
    void theAspectJModeWithoutAspectJStopsStartupNamingTheUnwovenMethod() {
        this.runner.withPropertyValues("dtm.annotations.mode=aspectj")
            .withUserConfiguration(InitiatorConfiguration.class)
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .isInstanceOf(InvalidDtmAnnotationsException.class)
                .hasMessageContaining(Initiator.class.getName() + " was not woven with dtm's aspects"));
    }

    public static class Initiator {

        @GlobalSaga
        public void transfer() {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class InitiatorConfiguration {

        @Bean
        Initiator initiator() {
            return new Initiator();
        }

    }

}
