package io.dtm.coordinator.autoconfigure;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.coordinator.discovery.DiscoveryClientServiceUrlResolver;
import io.dtm.coordinator.discovery.LoadBalancerServiceUrlResolver;

/**
 * Service discovery for branch URLs: with Spring Cloud Commons and a
 * {@link LoadBalancerClient} (preferred) or a {@link DiscoveryClient} bean, a
 * {@link ServiceUrlResolver} that resolves {@code lb://service/path} at each branch call.
 */
@AutoConfiguration(before = DtmCoordinatorEngineAutoConfiguration.class,
        afterName = { "org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration",
                "org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration",
                "org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration",
                "org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
                "org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration" })
@ConditionalOnClass(name = "org.springframework.cloud.client.discovery.DiscoveryClient")
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@ConditionalOnBooleanProperty(name = "dtm.coordinator.discovery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DtmCoordinatorDiscoveryProperties.class)
@Import({ DtmCoordinatorDiscoveryAutoConfiguration.LoadBalancerResolverConfiguration.class,
        DtmCoordinatorDiscoveryAutoConfiguration.DiscoveryClientResolverConfiguration.class })
public final class DtmCoordinatorDiscoveryAutoConfiguration {

    static Set<String> schemes(DtmCoordinatorDiscoveryProperties properties) {
        Set<String> schemes = properties.getSchemes()
            .stream()
            .filter((s) -> s != null && !s.isBlank())
            .map((s) -> s.trim().toLowerCase(Locale.ROOT))
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (String scheme : schemes) {
            if (scheme.equals("http") || scheme.equals("https") || scheme.equals("topic")
                    || !scheme.matches("[a-z][a-z0-9+.-]*")) {
                throw new DtmCoordinatorConfigurationException(
                        "dtm.coordinator.discovery.schemes has '" + scheme + "', which cannot name a service.",
                        "List URL schemes other than http, https and topic, such as lb.");
            }
        }
        return schemes;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.client.loadbalancer.LoadBalancerClient")
    @ConditionalOnBean(LoadBalancerClient.class)
    static final class LoadBalancerResolverConfiguration {

        @Bean
        @ConditionalOnMissingBean(ServiceUrlResolver.class)
        ServiceUrlResolver dtmLoadBalancerServiceUrlResolver(LoadBalancerClient loadBalancer,
                DtmCoordinatorDiscoveryProperties properties) {
            return new LoadBalancerServiceUrlResolver(loadBalancer, schemes(properties));
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DiscoveryClient.class)
    @ConditionalOnMissingBean(LoadBalancerClient.class)
    static final class DiscoveryClientResolverConfiguration {

        @Bean
        @ConditionalOnMissingBean(ServiceUrlResolver.class)
        ServiceUrlResolver dtmDiscoveryClientServiceUrlResolver(DiscoveryClient discoveryClient,
                DtmCoordinatorDiscoveryProperties properties) {
            return new DiscoveryClientServiceUrlResolver(discoveryClient, schemes(properties));
        }

    }

}
