package io.dtm.spring.autoconfigure;

import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.InvalidDtmAnnotationsException;
import io.dtm.spring.annotation.support.AnnotationMethodAdvisor;
import io.dtm.spring.annotation.support.BarrierBranchAspect;
import io.dtm.spring.annotation.support.DtmAnnotationValidator;
import io.dtm.spring.annotation.support.SagaMsgInitiatorAspect;
import io.dtm.spring.annotation.support.TwoPhaseInitiatorAspect;
import io.dtm.spring.annotation.support.WovenAspects;
import io.dtm.spring.annotation.support.XaBranchAspect;
import io.dtm.spring.feign.BranchUrlResolver;
import io.dtm.spring.feign.DtmFeignCapability;
import io.dtm.spring.feign.LoadBalancerBranchUrlResolver;
import org.aopalliance.intercept.MethodInterceptor;
import org.aspectj.lang.Aspects;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class DtmAnnotationAutoConfigurationTests {

    private static final String[] ADVISORS = { "dtmGlobalSagaAdvisor", "dtmGlobalTccAdvisor", "dtmGlobalXaAdvisor",
            "dtmMsgAdvisor", "dtmBarrierAdvisor", "dtmTccTryAdvisor", "dtmTccConfirmAdvisor", "dtmTccCancelAdvisor",
            "dtmXaBranchAdvisor" };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmAnnotationAutoConfiguration.class));

    @Test
    void anAdvisorPerAnnotationTheValidatorAndTheFeignCapability() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(DtmAnnotationValidator.class)
                .hasSingleBean(DtmFeignCapability.class)
                .hasSingleBean(BranchUrlResolver.class)
                .doesNotHaveBean(WovenAspects.class)
                .getBeans(AnnotationMethodAdvisor.class)
                .containsOnlyKeys(ADVISORS);
            assertThat(context.getBean(BranchUrlResolver.class)).isExactlyInstanceOf(BranchUrlResolver.class);
        });
    }

    @Test
    void instanceUrlsAreRecordedThroughTheLoadBalancerOnlyWhenAskedFor() {
        this.runner.withPropertyValues("dtm.annotations.record-instance-urls=true")
            .run((context) -> assertThat(context.getBean(BranchUrlResolver.class))
                .isInstanceOf(LoadBalancerBranchUrlResolver.class));
    }

    @Test
    void inAspectJModeTheWovenAspectsAreConfiguredAndNothingIsProxied() {
        this.runner.withPropertyValues("dtm.annotations.mode=aspectj").run((context) -> {
            assertThat(context).hasNotFailed()
                .doesNotHaveBean(AnnotationMethodAdvisor.class)
                .hasSingleBean(WovenAspects.class)
                .hasSingleBean(DtmAnnotationValidator.class)
                .hasSingleBean(DtmFeignCapability.class);
            assertThat(context.getBeansWithAnnotation(Aspect.class)).isEmpty();
            assertThat(context.getBean(WovenAspects.class).aspects()).containsExactly(
                    Aspects.aspectOf(SagaMsgInitiatorAspect.class), Aspects.aspectOf(TwoPhaseInitiatorAspect.class),
                    Aspects.aspectOf(BarrierBranchAspect.class), Aspects.aspectOf(XaBranchAspect.class));
        });
    }

    @Test
    void proxyModeIsTheDefault() {
        this.runner.withPropertyValues("dtm.annotations.mode=proxy")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(WovenAspects.class)
                .getBeans(AnnotationMethodAdvisor.class)
                .containsOnlyKeys(ADVISORS));
    }

    @Test
    void proxiesNeedNoAspectJ() {
        this.runner.withClassLoader(new FilteredClassLoader("org.aspectj."))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(DtmAnnotationValidator.class)
                .doesNotHaveBean(WovenAspects.class)
                .getBeans(AnnotationMethodAdvisor.class)
                .containsOnlyKeys(ADVISORS));
    }

    @Test
    void withoutOpenFeignNoCapability() {
        this.runner.withClassLoader(new FilteredClassLoader("feign.", "org.springframework.cloud.openfeign."))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmFeignCapability.class)
                .doesNotHaveBean(BranchUrlResolver.class)
                .hasBean("dtmGlobalSagaAdvisor"));
    }

    @Test
    void withoutALoadBalancerBranchUrlsAreUsedAsWritten() {
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud.client.loadbalancer."))
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(BranchUrlResolver.class);
                assertThat(context.getBean(BranchUrlResolver.class))
                    .isNotInstanceOf(LoadBalancerBranchUrlResolver.class);
            });
    }

    @Test
    void offWithoutSpringTx() {
        this.runner.withClassLoader(new FilteredClassLoader(PlatformTransactionManager.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmAnnotationValidator.class)
                .doesNotHaveBean(AnnotationMethodAdvisor.class));
    }

    @Test
    void offWhenDtmIsDisabled() {
        this.runner.withPropertyValues("dtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmAnnotationValidator.class)
                .doesNotHaveBean(AnnotationMethodAdvisor.class)
                .doesNotHaveBean(DtmFeignCapability.class));
    }

    @Test
    void backsOffForTheApplicationsBeans() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(BranchUrlResolver.class);
            assertThat(context.getBean(BranchUrlResolver.class)).isSameAs(context.getBean("myResolver"));
            assertThat(context.getBean("dtmGlobalSagaAdvisor")).isSameAs(UserBeans.SAGA_ADVISOR);
        });
    }

    @Test
    void misplacedAnnotationsAreExplained() {
        this.runner.withUserConfiguration(HandlerWithoutBarrier.class).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidDtmAnnotationsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getCause()).isInstanceOf(InvalidDtmAnnotationsException.class);
            assertThat(analysis.getDescription()).startsWith("Invalid dtm annotations:")
                .contains("@DtmBarrier on " + Handler.class.getName() + ".transIn()")
                .contains("no single DataSource");
            assertThat(analysis.getAction()).contains("as its line says");
        });
    }

    static class Handler {

        @DtmBarrier
        public void transIn() {
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class HandlerWithoutBarrier {

        @Bean
        Handler handler() {
            return new Handler();
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        static final AnnotationMethodAdvisor SAGA_ADVISOR = new AnnotationMethodAdvisor(
                io.dtm.spring.annotation.GlobalSaga.class, (MethodInterceptor) (invocation) -> invocation.proceed(), 0);

        @Bean
        BranchUrlResolver myResolver() {
            return new BranchUrlResolver();
        }

        @Bean
        static AnnotationMethodAdvisor dtmGlobalSagaAdvisor() {
            return SAGA_ADVISOR;
        }

    }

}
