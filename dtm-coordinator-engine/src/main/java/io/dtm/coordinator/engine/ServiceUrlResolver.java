package io.dtm.coordinator.engine;

import java.net.URI;

/**
 * Resolves the service URLs of branches to the URL of one instance.
 *
 * @deprecated since 0.1.0 for removal in favor of
 * {@link io.dtm.coordinator.engine.call.ServiceUrlResolver}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public interface ServiceUrlResolver extends io.dtm.coordinator.engine.call.ServiceUrlResolver {

    /**
     * Resolves nothing.
     * @return the resolver of no scheme
     * @deprecated since 0.1.0 for removal in favor of
     * {@link io.dtm.coordinator.engine.call.ServiceUrlResolver#none()}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static io.dtm.coordinator.engine.call.ServiceUrlResolver none() {
        return io.dtm.coordinator.engine.call.ServiceUrlResolver.none();
    }

    /**
     * The name of the service a service URL names.
     * @param serviceUrl the service URL
     * @return the service name
     * @deprecated since 0.1.0 for removal in favor of
     * {@link io.dtm.coordinator.engine.call.ServiceUrlResolver#serviceName(URI)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static String serviceName(URI serviceUrl) {
        return io.dtm.coordinator.engine.call.ServiceUrlResolver.serviceName(serviceUrl);
    }

    /**
     * {@code serviceUrl} on {@code instance}.
     * @param instance the instance's URL
     * @param serviceUrl the service URL
     * @return the instance URL
     * @deprecated since 0.1.0 for removal in favor of
     * {@link io.dtm.coordinator.engine.call.ServiceUrlResolver#instanceUrl(URI, URI)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    static String instanceUrl(URI instance, URI serviceUrl) {
        return io.dtm.coordinator.engine.call.ServiceUrlResolver.instanceUrl(instance, serviceUrl);
    }

}
