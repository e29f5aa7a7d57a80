package io.dtm.coordinator.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service discovery of the coordinator: branch URLs that name a service, resolved at each
 * call.
 */
@ConfigurationProperties("dtm.coordinator.discovery")
public class DtmCoordinatorDiscoveryProperties {

    /**
     * Resolve service URLs (lb://service/path) through Spring Cloud's LoadBalancerClient
     * or DiscoveryClient, when one is present.
     */
    private boolean enabled = true;

    /**
     * The URL schemes that name a service. dtm's springcloud driver resolves any non-http
     * scheme; list the one your services use (such as discovery) to accept it.
     */
    private Set<String> schemes = new LinkedHashSet<>(Set.of("lb"));

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Set<String> getSchemes() {
        return this.schemes;
    }

    public void setSchemes(Set<String> schemes) {
        this.schemes = schemes;
    }

}
