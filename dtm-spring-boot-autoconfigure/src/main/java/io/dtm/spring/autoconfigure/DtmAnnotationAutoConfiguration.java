package io.dtm.spring.autoconfigure;

import java.lang.annotation.Annotation;

import io.dtm.protocol.BranchOp;
import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalXa;
import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.annotation.XaBranch;
import io.dtm.spring.annotation.support.AbstractDtmAspect;
import io.dtm.spring.annotation.support.AnnotationMethodAdvisor;
import io.dtm.spring.annotation.support.BarrierBranchAspect;
import io.dtm.spring.annotation.support.BranchBarrierInterceptor;
import io.dtm.spring.annotation.support.DtmAnnotationValidator;
import io.dtm.spring.annotation.support.DtmMsgInterceptor;
import io.dtm.spring.annotation.support.GlobalSagaInterceptor;
import io.dtm.spring.annotation.support.GlobalTwoPhaseInterceptor;
import io.dtm.spring.annotation.support.LocalTransactions;
import io.dtm.spring.annotation.support.SagaMsgInitiatorAspect;
import io.dtm.spring.annotation.support.TwoPhaseInitiatorAspect;
import io.dtm.spring.annotation.support.WovenAspects;
import io.dtm.spring.annotation.support.XaBranchAspect;
import io.dtm.spring.annotation.support.XaBranchInterceptor;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.feign.BranchUrlResolver;
import io.dtm.spring.feign.DtmFeignCapability;
import io.dtm.spring.feign.LoadBalancerBranchUrlResolver;
import io.dtm.spring.security.CallbackSignatures;
import io.dtm.spring.security.SignedCallbackGuard;
import io.dtm.spring.web.DtmCallbackController;
import io.dtm.spring.xa.XaParticipant;
import org.aspectj.lang.Aspects;

import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The annotations: applied through Spring AOP proxies (an advisor per annotation, no
 * AspectJ needed) or, with {@code dtm.annotations.mode=aspectj}, by dtm's aspects woven
 * with AspectJ; the Feign capability that records {@code @DtmStep} calls and registers
 * {@code @TccTry} branches; and the startup validation.
 */
@AutoConfiguration(
        after = { DtmClientAutoConfiguration.class, DtmBarrierAutoConfiguration.class, DtmWebAutoConfiguration.class })
@ConditionalOnClass({ StaticMethodMatcherPointcutAdvisor.class, PlatformTransactionManager.class })
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
public final class DtmAnnotationAutoConfiguration {

    /**
     * Both wrap {@code @Transactional} (lowest precedence): an initiator submits after
     * the local commit, and a handler's {@code @Transactional} joins the barrier's local
     * transaction.
     */
    static final int INITIATOR_ORDER = Ordered.LOWEST_PRECEDENCE - 200;

    static final int PARTICIPANT_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    @Bean
    @ConditionalOnMissingBean
    static DtmAnnotationValidator dtmAnnotationValidator(ConfigurableListableBeanFactory beanFactory,
            Environment environment) {
        return new DtmAnnotationValidator(beanFactory, environment);
    }

    /**
     * Read from the environment: the advisors are created before configuration properties
     * are bound.
     */
    static boolean plainCallsOutsideTransaction(Environment environment) {
        return Binder.get(environment)
            .bind(NoGlobalTransactionException.PLAIN_CALLS_PROPERTY, Boolean.class)
            .orElse(false);
    }

    static DtmMsgInterceptor msgInterceptor(ObjectProvider<DtmClient> client, ObjectProvider<JdbcBarrier> barrier,
            ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<DtmUrls> urls,
            Environment environment) {
        return new DtmMsgInterceptor(client, barrier, new LocalTransactions(transactionManager),
                () -> urls.getObject().callback(DtmCallbackController.MSG_QUERY_PREPARED), environment);
    }

    static BranchBarrierInterceptor barrierInterceptor(Class<? extends Annotation> annotation, String op,
            ObjectProvider<JdbcBarrier> barrier, ObjectProvider<PlatformTransactionManager> transactionManager,
            ObjectProvider<SignedCallbackGuard> guard) {
        return new BranchBarrierInterceptor(annotation, op, barrier, new LocalTransactions(transactionManager), guard);
    }

    static XaBranchInterceptor xaBranchInterceptor(ObjectProvider<XaParticipant> participant,
            ObjectProvider<SignedCallbackGuard> guard, Environment environment) {
        return new XaBranchInterceptor(participant, guard, plainCallsOutsideTransaction(environment));
    }

    /**
     * The default mode: Spring AOP proxies, through an advisor per annotation (no AspectJ
     * needed). An annotation may be on the method or on an interface method it
     * implements.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = AbstractDtmAspect.MODE_PROPERTY, havingValue = "proxy", matchIfMissing = true)
    static final class ProxyConfiguration {

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmGlobalSagaAdvisor")
        static AnnotationMethodAdvisor dtmGlobalSagaAdvisor(ObjectProvider<DtmClient> client, Environment environment) {
            return new AnnotationMethodAdvisor(GlobalSaga.class, new GlobalSagaInterceptor(client, environment),
                    INITIATOR_ORDER);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmGlobalTccAdvisor")
        static AnnotationMethodAdvisor dtmGlobalTccAdvisor(ObjectProvider<DtmClient> client, Environment environment) {
            return new AnnotationMethodAdvisor(GlobalTcc.class, GlobalTwoPhaseInterceptor.tcc(client, environment),
                    INITIATOR_ORDER);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmGlobalXaAdvisor")
        static AnnotationMethodAdvisor dtmGlobalXaAdvisor(ObjectProvider<DtmClient> client, Environment environment) {
            return new AnnotationMethodAdvisor(GlobalXa.class, GlobalTwoPhaseInterceptor.xa(client, environment),
                    INITIATOR_ORDER);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmMsgAdvisor")
        static AnnotationMethodAdvisor dtmMsgAdvisor(ObjectProvider<DtmClient> client,
                ObjectProvider<JdbcBarrier> barrier, ObjectProvider<PlatformTransactionManager> transactionManager,
                ObjectProvider<DtmUrls> urls, Environment environment) {
            return new AnnotationMethodAdvisor(DtmMsg.class,
                    msgInterceptor(client, barrier, transactionManager, urls, environment), INITIATOR_ORDER);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmBarrierAdvisor")
        static AnnotationMethodAdvisor dtmBarrierAdvisor(ObjectProvider<JdbcBarrier> barrier,
                ObjectProvider<PlatformTransactionManager> transactionManager,
                ObjectProvider<SignedCallbackGuard> guard) {
            return barrierAdvisor(DtmBarrier.class, null, barrier, transactionManager, guard);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmTccTryAdvisor")
        static AnnotationMethodAdvisor dtmTccTryAdvisor(ObjectProvider<JdbcBarrier> barrier,
                ObjectProvider<PlatformTransactionManager> transactionManager,
                ObjectProvider<SignedCallbackGuard> guard) {
            return barrierAdvisor(TccTry.class, BranchOp.TRY.wireName(), barrier, transactionManager, guard);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmTccConfirmAdvisor")
        static AnnotationMethodAdvisor dtmTccConfirmAdvisor(ObjectProvider<JdbcBarrier> barrier,
                ObjectProvider<PlatformTransactionManager> transactionManager,
                ObjectProvider<SignedCallbackGuard> guard) {
            return barrierAdvisor(TccConfirm.class, BranchOp.CONFIRM.wireName(), barrier, transactionManager, guard);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmTccCancelAdvisor")
        static AnnotationMethodAdvisor dtmTccCancelAdvisor(ObjectProvider<JdbcBarrier> barrier,
                ObjectProvider<PlatformTransactionManager> transactionManager,
                ObjectProvider<SignedCallbackGuard> guard) {
            return barrierAdvisor(TccCancel.class, BranchOp.CANCEL.wireName(), barrier, transactionManager, guard);
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean(name = "dtmXaBranchAdvisor")
        static AnnotationMethodAdvisor dtmXaBranchAdvisor(ObjectProvider<XaParticipant> participant,
                ObjectProvider<SignedCallbackGuard> guard, Environment environment) {
            return new AnnotationMethodAdvisor(XaBranch.class, xaBranchInterceptor(participant, guard, environment),
                    PARTICIPANT_ORDER);
        }

        private static AnnotationMethodAdvisor barrierAdvisor(Class<? extends Annotation> annotation, String op,
                ObjectProvider<JdbcBarrier> barrier, ObjectProvider<PlatformTransactionManager> transactionManager,
                ObjectProvider<SignedCallbackGuard> guard) {
            return new AnnotationMethodAdvisor(annotation,
                    barrierInterceptor(annotation, op, barrier, transactionManager, guard), PARTICIPANT_ORDER);
        }

    }

    /**
     * {@code dtm.annotations.mode=aspectj}: no proxies; dtm's aspects, woven into the
     * application's classes by the AspectJ compiler or load-time weaver, are configured
     * with the same interceptors, as Spring's
     * {@code @EnableTransactionManagement(mode = ASPECTJ)} configures its
     * {@code AnnotationTransactionAspect}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.aspectj.lang.Aspects")
    @ConditionalOnProperty(name = AbstractDtmAspect.MODE_PROPERTY, havingValue = "aspectj")
    static final class AspectJConfiguration {

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        @ConditionalOnMissingBean
        static WovenAspects dtmWovenAspects(ObjectProvider<DtmClient> client, ObjectProvider<JdbcBarrier> barrier,
                ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<DtmUrls> urls,
                ObjectProvider<SignedCallbackGuard> guard, ObjectProvider<XaParticipant> participant,
                Environment environment) {
            SagaMsgInitiatorAspect initiators = Aspects.aspectOf(SagaMsgInitiatorAspect.class);
            initiators.configure(new GlobalSagaInterceptor(client, environment),
                    msgInterceptor(client, barrier, transactionManager, urls, environment));
            TwoPhaseInitiatorAspect twoPhaseInitiators = Aspects.aspectOf(TwoPhaseInitiatorAspect.class);
            twoPhaseInitiators.configure(GlobalTwoPhaseInterceptor.tcc(client, environment),
                    GlobalTwoPhaseInterceptor.xa(client, environment));
            BarrierBranchAspect barrierBranches = Aspects.aspectOf(BarrierBranchAspect.class);
            barrierBranches.configure(barrierInterceptor(DtmBarrier.class, null, barrier, transactionManager, guard),
                    barrierInterceptor(TccTry.class, BranchOp.TRY.wireName(), barrier, transactionManager, guard),
                    barrierInterceptor(TccConfirm.class, BranchOp.CONFIRM.wireName(), barrier, transactionManager,
                            guard),
                    barrierInterceptor(TccCancel.class, BranchOp.CANCEL.wireName(), barrier, transactionManager,
                            guard));
            XaBranchAspect xaBranches = Aspects.aspectOf(XaBranchAspect.class);
            xaBranches.configure(xaBranchInterceptor(participant, guard, environment));
            return new WovenAspects(initiators, twoPhaseInitiators, barrierBranches, xaBranches);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "feign.Capability", "org.springframework.cloud.openfeign.FeignClient" })
    static final class FeignConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DtmFeignCapability dtmFeignCapability(ObjectProvider<DtmClient> client, BranchUrlResolver urlResolver,
                ObjectProvider<CallbackSignatures> signatures, Environment environment) {
            return new DtmFeignCapability(client, urlResolver, signatures, plainCallsOutsideTransaction(environment));
        }

        /**
         * One instance's URL recorded for a service, for a coordinator without service
         * discovery; by default the service URL (lb://name/path) is recorded.
         */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.cloud.client.loadbalancer.LoadBalancerClient")
        @ConditionalOnBooleanProperty("dtm.annotations.record-instance-urls")
        static final class LoadBalancerConfiguration {

            @Bean
            @ConditionalOnMissingBean
            BranchUrlResolver dtmBranchUrlResolver(ObjectProvider<LoadBalancerClient> loadBalancer) {
                return new LoadBalancerBranchUrlResolver(loadBalancer);
            }

        }

        @Bean
        @ConditionalOnMissingBean
        BranchUrlResolver dtmBranchUrlResolver() {
            return new BranchUrlResolver();
        }

    }

}
