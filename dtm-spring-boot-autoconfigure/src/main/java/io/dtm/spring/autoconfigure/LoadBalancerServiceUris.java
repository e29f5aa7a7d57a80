package io.dtm.spring.autoconfigure;

import java.net.URI;

import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmRetryableException;
import io.dtm.spring.client.ServiceUriResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;

/**
 * Resolves {@code lb://service/...} through Spring Cloud LoadBalancer at each call, so
 * that {@code dtm.server: lb://dtm-coordinator/api/dtmsvr} reaches a live coordinator
 * replica.
 */
class LoadBalancerServiceUris implements ServiceUriResolver {

    private final ObjectProvider<LoadBalancerClient> loadBalancer;

    LoadBalancerServiceUris(ObjectProvider<LoadBalancerClient> loadBalancer) {
        this.loadBalancer = loadBalancer;
    }

    @Override
    public URI resolve(URI uri) {
        if (!LB_SCHEME.equalsIgnoreCase(uri.getScheme())) {
            return uri;
        }
        LoadBalancerClient client = this.loadBalancer.getIfAvailable();
        if (client == null) {
            return NONE.resolve(uri);
        }
        String service = (uri.getHost() != null) ? uri.getHost() : uri.getRawAuthority();
        ServiceInstance instance = client.choose(service);
        if (instance == null) {
            throw new DtmRetryableException("no instance of service '" + service + "' is available to call " + uri, 0);
        }
        URI base = instance.getUri();
        String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
        try {
            return new URI(base.getScheme() + "://" + base.getRawAuthority() + uri.getRawPath() + query);
        }
        catch (java.net.URISyntaxException ex) {
            throw new DtmException("cannot call " + uri + " at instance " + base + ": " + ex.getMessage(), ex);
        }
    }

}
