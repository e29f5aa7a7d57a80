package io.dtm.compat.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequest;
import org.springframework.cloud.client.loadbalancer.Request;

import io.dtm.coordinator.engine.call.NoServiceInstanceException;
import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorDiscoveryAutoConfiguration;
import io.dtm.coordinator.discovery.DiscoveryClientServiceUrlResolver;
import io.dtm.coordinator.discovery.LoadBalancerServiceUrlResolver;

/**
 * Which resolver the coordinator gets: the LoadBalancer's when there is one, else the
 * DiscoveryClient's, none without either or when switched off.
 */
class DtmCoordinatorDiscoveryAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorDiscoveryAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.enabled=true");

    private static DiscoveryClient staticBank(String... uris) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (int i = 0; i < uris.length; i++) {
            URI uri = URI.create(uris[i]);
            instances.add(new DefaultServiceInstance("bank-" + i, "bank", uri.getHost(), uri.getPort(), false));
        }
        return new DiscoveryClient() {

            @Override
            public String description() {
                return "static bank";
            }

            @Override
            public List<ServiceInstance> getInstances(String serviceId) {
                return "bank".equals(serviceId) ? instances : List.of();
            }

            @Override
            public List<String> getServices() {
                return List.of("bank");
            }

        };
    }

    @Test
    void aDiscoveryClientAloneResolvesInTurn() {
        runner.withBean(DiscoveryClient.class, () -> staticBank("http://10.0.0.1:8081", "http://10.0.0.2:8082"))
            .run((context) -> {
                ServiceUrlResolver resolver = context.getBean(ServiceUrlResolver.class);
                assertThat(resolver).isInstanceOf(DiscoveryClientServiceUrlResolver.class);
                assertThat(resolver.schemes()).containsExactly("lb");
                URI url = URI.create("lb://bank/api/transIn?currency=EUR");
                assertThat(List.of(resolver.resolve(url), resolver.resolve(url), resolver.resolve(url)))
                    .containsExactly("http://10.0.0.1:8081/api/transIn?currency=EUR",
                            "http://10.0.0.2:8082/api/transIn?currency=EUR",
                            "http://10.0.0.1:8081/api/transIn?currency=EUR");
                assertThatThrownBy(() -> resolver.resolve(URI.create("lb://stock/api/x")))
                    .isInstanceOf(NoServiceInstanceException.class)
                    .hasMessage("no instance of service 'stock' is available");
            });
    }

    @Test
    void aLoadBalancerIsPreferred() {
        runner.withBean(DiscoveryClient.class, () -> staticBank("http://10.0.0.1:8081"))
            .withBean(LoadBalancerClient.class, () -> new FixedLoadBalancer("10.0.0.9", 9090))
            .run((context) -> {
                ServiceUrlResolver resolver = context.getBean(ServiceUrlResolver.class);
                assertThat(resolver).isInstanceOf(LoadBalancerServiceUrlResolver.class);
                assertThat(resolver.resolve(URI.create("lb://bank/api/x"))).isEqualTo("http://10.0.0.9:9090/api/x");
                assertThatThrownBy(() -> resolver.resolve(URI.create("lb://stock/api/x")))
                    .isInstanceOf(NoServiceInstanceException.class);
            });
    }

    @Test
    void noResolverWithoutADiscoveryClientOrWhenSwitchedOff() {
        runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceUrlResolver.class));
        runner.withBean(DiscoveryClient.class, () -> staticBank("http://10.0.0.1:8081"))
            .withPropertyValues("dtm.coordinator.discovery.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ServiceUrlResolver.class));
    }

    @Test
    void theSchemesAreConfigurable() {
        runner.withBean(DiscoveryClient.class, () -> staticBank("http://10.0.0.1:8081"))
            .withPropertyValues("dtm.coordinator.discovery.schemes=lb,Discovery")
            .run((context) -> assertThat(context.getBean(ServiceUrlResolver.class).schemes())
                .isEqualTo(Set.of("lb", "discovery")));
        runner.withBean(DiscoveryClient.class, () -> staticBank("http://10.0.0.1:8081"))
            .withPropertyValues("dtm.coordinator.discovery.schemes=https")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("dtm.coordinator.discovery.schemes has 'https'"));
    }

    /** Chooses one instance for bank, none for anything else. */
    record FixedLoadBalancer(String host, int port) implements LoadBalancerClient {

        @Override
        public ServiceInstance choose(String serviceId) {
            return "bank".equals(serviceId) ? new DefaultServiceInstance("bank-9", "bank", host, port, false) : null;
        }

        @Override
        public <T> ServiceInstance choose(String serviceId, Request<T> request) {
            return choose(serviceId);
        }

        @Override
        public <T> T execute(String serviceId, LoadBalancerRequest<T> request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T execute(String serviceId, ServiceInstance serviceInstance, LoadBalancerRequest<T> request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public URI reconstructURI(ServiceInstance instance, URI original) {
            throw new UnsupportedOperationException();
        }

    }

}
