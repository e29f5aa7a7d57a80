package io.dtm.spring.autoconfigure;

import java.util.List;

import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.barrier.RedisBarrier;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.security.CallbackSignatures;
import io.dtm.spring.security.DtmCallbackSignatureFilter;
import io.dtm.spring.security.SignedCallbackGuard;
import io.dtm.spring.web.DtmCallbackController;
import io.dtm.spring.web.DtmExceptionHandler;
import io.dtm.spring.web.DtmHandlerExceptionResolver;
import io.dtm.spring.xa.XaParticipant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring MVC side: participant replies in dtm's format and the callback endpoints the
 * coordinator calls.
 */
@AutoConfiguration(after = { DtmClientAutoConfiguration.class, DtmRedisBarrierAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmProperties.class)
public final class DtmWebAutoConfiguration {

    private static final Log log = LogFactory.getLog(DtmWebAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    DtmExceptionHandler dtmExceptionHandler() {
        return new DtmExceptionHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    DtmHandlerExceptionResolver dtmHandlerExceptionResolver() {
        return new DtmHandlerExceptionResolver();
    }

    @Bean
    @ConditionalOnMissingBean
    SignedCallbackGuard dtmSignedCallbackGuard(ObjectProvider<CallbackSignatures> signatures, DtmProperties properties,
            Environment environment) {
        CallbackSignatures checker = signatures.getIfAvailable(() -> CallbackSignatures.of(List.of()));
        if (properties.getCallback().isVerify() && !checker.isEnabled()) {
            throw new DtmConfigurationException("dtm.callback.verify=true needs dtm.callback.secrets.",
                    "Set the secret(s) the coordinator signs with (dtm.coordinator.callback.signing-keys), or set "
                            + "dtm.callback.verify=false.");
        }
        // an embedded coordinator names this in its one line of security defaults
        if (!checker.isEnabled() && !DtmUrls.embeddedCoordinatorEnabled(environment, getClass().getClassLoader())) {
            log.warn("dtm.callback.secrets is not set: the built-in endpoints under " + properties.getCallbackPath()
                    + " (workflow resume, XA phase 2, msg query-prepared) accept calls from anyone who can reach this "
                    + "service; set the coordinator's signing key there (see docs/security.md)");
        }
        return new SignedCallbackGuard(checker, properties.getCallback().isVerify());
    }

    @Bean
    @ConditionalOnMissingBean(name = "dtmCallbackSignatureFilter")
    FilterRegistrationBean<DtmCallbackSignatureFilter> dtmCallbackSignatureFilter(
            ObjectProvider<CallbackSignatures> signatures, DtmProperties properties) {
        CallbackSignatures checker = signatures.getIfAvailable(() -> CallbackSignatures.of(List.of()));
        FilterRegistrationBean<DtmCallbackSignatureFilter> registration = new FilterRegistrationBean<>(
                new DtmCallbackSignatureFilter(checker, properties.getCallback().isVerify()));
        registration.setName("dtmCallbackSignatureFilter");
        // before the inbound filter and anything else that may read the body
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    DtmCallbackController dtmCallbackController(ObjectProvider<Workflows> workflows,
            ObjectProvider<XaParticipant> xaParticipant, ObjectProvider<JdbcBarrier> barrier,
            ObjectProvider<RedisBarrier> redisBarrier, SignedCallbackGuard guard) {
        return new DtmCallbackController(workflows, xaParticipant, barrier, redisBarrier, guard);
    }

}
