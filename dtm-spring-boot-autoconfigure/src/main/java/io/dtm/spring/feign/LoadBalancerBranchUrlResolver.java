package io.dtm.spring.feign;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;

/**
 * Resolves service names through Spring Cloud LoadBalancer: the coordinator gets the URL
 * of one instance.
 */
public class LoadBalancerBranchUrlResolver extends BranchUrlResolver {

    private final ObjectProvider<LoadBalancerClient> loadBalancer;

    public LoadBalancerBranchUrlResolver(ObjectProvider<LoadBalancerClient> loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    @Override
    protected String resolveService(String serviceName, URI uri) {
        LoadBalancerClient client = this.loadBalancer.getIfAvailable();
        if (client == null) {
            return super.resolveService(serviceName, uri);
        }
        ServiceInstance instance = client.choose(serviceName);
        if (instance == null) {
            throw new IllegalStateException(
                    "No instance of service '" + serviceName + "' is available to resolve " + uri);
        }
        return client.reconstructURI(instance, uri).toString();
    }

}
