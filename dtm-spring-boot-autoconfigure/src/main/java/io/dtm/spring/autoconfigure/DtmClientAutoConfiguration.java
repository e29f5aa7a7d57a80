package io.dtm.spring.autoconfigure;

import java.util.List;

import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.DtmHttp;
import io.dtm.spring.client.ServiceUriResolver;
import io.dtm.spring.client.TraceHeaders;
import io.dtm.spring.client.TransDefaults;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.security.CallbackSignatures;
import io.dtm.spring.web.DtmCallbackController;
import io.dtm.spring.xa.XaParticipant;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

/**
 * The coordinator client, the workflow registry and the XA participant. Nothing here
 * contacts the coordinator at startup.
 */
@AutoConfiguration(after = DtmBarrierAutoConfiguration.class)
@ConditionalOnClass(RestClient.class)
@ConditionalOnBooleanProperty(name = "dtm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmProperties.class)
public final class DtmClientAutoConfiguration {

    private static final Log logger = LogFactory.getLog(DtmClientAutoConfiguration.class);

    private static final int MIN_SECRET_LENGTH = 16;

    /** Signatures remembered against replay: about 5 MB at most. */
    private static final int REPLAY_CACHE_SIZE = 50_000;

    @Bean
    @ConditionalOnMissingBean
    DtmUrls dtmUrls(DtmProperties properties, Environment environment) {
        return new DtmUrls(properties, environment);
    }

    /**
     * Logs once, when the application is ready (an embedded coordinator's port is known
     * then), which coordinator the client calls.
     */
    @Bean
    static ApplicationListener<ApplicationReadyEvent> dtmCoordinatorUrlLogger(ObjectProvider<DtmUrls> urls) {
        return (event) -> urls.ifAvailable((dtmUrls) -> logger
            .info("The dtm client calls the coordinator at " + dtmUrls.server() + " (" + dtmUrls.serverSource() + ")"));
    }

    @Bean
    @ConditionalOnMissingBean
    CallbackSignatures dtmCallbackSignatures(DtmProperties properties) {
        List<String> secrets = properties.getCallback().getSecrets();
        secrets.stream()
            .filter((secret) -> secret != null && secret.length() < MIN_SECRET_LENGTH)
            .findAny()
            .ifPresent((secret) -> {
                throw new DtmConfigurationException(
                        "dtm.callback.secrets: every secret needs at least " + MIN_SECRET_LENGTH + " characters.",
                        "Use the coordinator's dtm.coordinator.callback.signing-keys.");
            });
        return new CallbackSignatures(secrets, properties.getCallback().getTolerance(),
                () -> System.currentTimeMillis() / 1000, REPLAY_CACHE_SIZE);
    }

    @Bean
    @ConditionalOnMissingBean
    DtmClient dtmClient(DtmProperties properties, DtmUrls urls, ObjectProvider<JdbcBarrier> barrier,
            CallbackSignatures signatures, ObjectProvider<TraceHeaders> traceHeaders,
            ObjectProvider<ServiceUriResolver> serviceUris) {
        TransDefaults defaults = new TransDefaults(properties.getTimeoutToFail(), properties.getRetryInterval(),
                properties.getRequestTimeout());
        DtmHttp http = new DtmHttp(properties.getHttpTimeout(),
                serviceUris.getIfAvailable(() -> ServiceUriResolver.NONE));
        return new DtmClient(http, DtmClient.defaultJsonMapper(), urls::server, defaults, barrier.getIfAvailable(),
                properties.getToken(), signatures, traceHeaders.getIfAvailable(() -> TraceHeaders.NONE));
    }

    @Bean
    @ConditionalOnMissingBean
    Workflows dtmWorkflows(DtmClient client, DtmUrls urls) {
        return new Workflows(client, () -> urls.callback(DtmCallbackController.WORKFLOW_RESUME));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcBarrier.class)
    XaParticipant dtmXaParticipant(DtmClient client, JdbcBarrier barrier, DtmUrls urls) {
        return new XaParticipant(client, barrier, () -> urls.callback(DtmCallbackController.XA_PHASE2));
    }

    /**
     * {@code dtm.server: lb://dtm-coordinator/api/dtmsvr} resolved through Spring Cloud
     * LoadBalancer at each call to the coordinator.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.client.loadbalancer.LoadBalancerClient")
    static class LoadBalancedServerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ServiceUriResolver dtmServiceUriResolver(ObjectProvider<LoadBalancerClient> loadBalancer) {
            return new LoadBalancerServiceUris(loadBalancer);
        }

    }

}
