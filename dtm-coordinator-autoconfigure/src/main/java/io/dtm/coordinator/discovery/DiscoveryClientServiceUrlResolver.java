package io.dtm.coordinator.discovery;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import io.dtm.coordinator.engine.call.NoServiceInstanceException;
import io.dtm.coordinator.engine.call.ServiceUrlResolver;

/**
 * Resolves service URLs through a {@link DiscoveryClient} (Eureka, Consul, Nacos,
 * Kubernetes, or the static instances of the simple discovery client) where no Spring
 * Cloud LoadBalancer is present: each call takes the instances listed now, in turn.
 */
public class DiscoveryClientServiceUrlResolver implements ServiceUrlResolver {

    private final DiscoveryClient discoveryClient;

    private final Set<String> schemes;

    private final AtomicInteger next = new AtomicInteger();

    public DiscoveryClientServiceUrlResolver(DiscoveryClient discoveryClient, Set<String> schemes) {
        this.discoveryClient = discoveryClient;
        this.schemes = Set.copyOf(schemes);
    }

    @Override
    public Set<String> schemes() {
        return this.schemes;
    }

    @Override
    public String resolve(URI serviceUrl) {
        String service = ServiceUrlResolver.serviceName(serviceUrl);
        List<ServiceInstance> instances = this.discoveryClient.getInstances(service);
        if (instances == null || instances.isEmpty()) {
            throw new NoServiceInstanceException(service);
        }
        ServiceInstance instance = instances.get(Math.floorMod(this.next.getAndIncrement(), instances.size()));
        return ServiceUrlResolver.instanceUrl(instance.getUri(), serviceUrl);
    }

}
