package io.dtm.coordinator.discovery;

import java.net.URI;
import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;

import io.dtm.coordinator.engine.call.NoServiceInstanceException;
import io.dtm.coordinator.engine.call.ServiceUrlResolver;

/**
 * Resolves service URLs through Spring Cloud LoadBalancer: each call asks the
 * {@link LoadBalancerClient} to choose an instance, with its configured strategy (round
 * robin unless set), its instance cache and whatever registry feeds it.
 */
public class LoadBalancerServiceUrlResolver implements ServiceUrlResolver {

    private final LoadBalancerClient loadBalancer;

    private final Set<String> schemes;

    public LoadBalancerServiceUrlResolver(LoadBalancerClient loadBalancer, Set<String> schemes) {
        this.loadBalancer = loadBalancer;
        this.schemes = Set.copyOf(schemes);
    }

    @Override
    public Set<String> schemes() {
        return this.schemes;
    }

    @Override
    public String resolve(URI serviceUrl) {
        String service = ServiceUrlResolver.serviceName(serviceUrl);
        ServiceInstance instance = this.loadBalancer.choose(service);
        if (instance == null) {
            throw new NoServiceInstanceException(service);
        }
        return ServiceUrlResolver.instanceUrl(instance.getUri(), serviceUrl);
    }

}
