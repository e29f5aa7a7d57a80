package io.dtm.test.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorEngineAutoConfiguration;
import io.dtm.coordinator.autoconfigure.CoordinatorBuilderCustomizer;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorProperties;
import io.dtm.test.DtmTest;
import io.dtm.test.DtmTestCoordinator;
import io.dtm.test.engine.PassTrackingExecutor;
import io.dtm.test.engine.VirtualClock;
import io.dtm.test.fault.FaultInjectingBranchCaller;
import io.dtm.test.fault.FaultLedger;
import io.dtm.test.fault.InitiatorCallFaultFilter;
import io.dtm.test.web.LocalServerFeignInterceptor;
import io.dtm.test.web.LocalServerUrls;

/**
 * The coordinator of a {@link DtmTest}: the engine's clock, background executor and
 * branch caller replaced by ones the test drives, a filter that injects faults into the
 * branch calls the initiator makes to this application, and the
 * {@link DtmTestCoordinator} over them.
 */
@AutoConfiguration(before = DtmCoordinatorEngineAutoConfiguration.class)
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public final class DtmTestAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    VirtualClock dtmTestClock() {
        return new VirtualClock();
    }

    @Bean(destroyMethod = "shutdownNow")
    PassTrackingExecutor dtmTestProcessExecutor(DtmCoordinatorProperties properties) {
        return new PassTrackingExecutor(properties.getProcessThreads());
    }

    /**
     * The engine runs its background passes on the executor that tracks them, and calls
     * the branches through the caller that injects faults.
     */
    @Bean
    CoordinatorBuilderCustomizer dtmTestCoordinatorCustomizer(PassTrackingExecutor passes,
            FaultInjectingBranchCaller branchCaller) {
        return (builder) -> builder.processExecutor(passes).branchCaller(branchCaller);
    }

    @Bean
    FaultLedger dtmTestFaultLedger() {
        return new FaultLedger();
    }

    @Bean
    LocalServerUrls dtmTestLocalServerUrls(Environment environment) {
        return new LocalServerUrls(environment);
    }

    @Bean
    FaultInjectingBranchCaller dtmTestBranchCaller(EngineSettings settings, DtmCoordinatorProperties properties,
            CallbackSigner signer, BranchUrlPolicy urlPolicy, FaultLedger ledger, LocalServerUrls localUrls,
            ObjectProvider<ServiceUrlResolver> serviceUrls) {
        return new FaultInjectingBranchCaller(BranchCaller.defaultHttpClient(properties.branchConnections(), urlPolicy),
                settings.requestTimeout(), signer, urlPolicy, ledger, localUrls,
                serviceUrls.getIfAvailable(ServiceUrlResolver::none));
    }

    /**
     * Feign clients whose URL was resolved from {@code server.port} (0 under a random
     * port) call the port the web server listens on.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.RequestInterceptor")
    static final class LocalServerFeignClients {

        @Bean
        LocalServerFeignInterceptor dtmTestLocalServerFeignInterceptor(LocalServerUrls localUrls) {
            return new LocalServerFeignInterceptor(localUrls);
        }

    }

    @Bean
    DtmTestCoordinator dtmTestCoordinator(VirtualClock clock, CronPoller poller, TransService service,
            PassTrackingExecutor passes, FaultLedger ledger, EngineSettings settings) {
        return new DtmTestCoordinator(clock, poller, service, passes, ledger, settings);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static final class InitiatorCallFaults {

        /**
         * First in line, so that a fault answers before any other filter or handler runs.
         */
        @Bean
        FilterRegistrationBean<InitiatorCallFaultFilter> dtmTestInitiatorCallFaultFilter(FaultLedger ledger) {
            FilterRegistrationBean<InitiatorCallFaultFilter> registration = new FilterRegistrationBean<>(
                    new InitiatorCallFaultFilter(ledger));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

    }

}
