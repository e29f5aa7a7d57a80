package io.dtm.spring.feign;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;

/**
 * Resolves service names through Spring Cloud LoadBalancer when a step is recorded: the
 * coordinator gets the URL of one instance, and retries and compensates on that instance
 * only. For a coordinator without service discovery; with
 * {@code dtm.annotations.record-instance-urls=true}.
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
            throw new IllegalStateException("Cannot resolve service '" + serviceName + "' of " + uri
                    + ": add spring-cloud-starter-loadbalancer (with a discovery client), give the Feign client a url,"
                    + " or unset dtm.annotations.record-instance-urls to record the service name");
        }
        ServiceInstance instance = client.choose(serviceName);
        if (instance == null) {
            throw new IllegalStateException(
                    "No instance of service '" + serviceName + "' is available to resolve " + uri);
        }
        return client.reconstructURI(instance, uri).toString();
    }

}
