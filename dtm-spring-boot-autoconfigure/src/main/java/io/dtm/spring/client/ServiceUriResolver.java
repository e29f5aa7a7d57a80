package io.dtm.spring.client;

import java.net.URI;

import io.dtm.protocol.DtmException;

/**
 * Resolves a URI that names a service ({@code lb://dtm-coordinator/api/dtmsvr/submit}) to
 * the URI of an instance, at each call: {@code dtm.server} may name the coordinator's
 * service, and every call reaches an instance that is live then. Any other URI is
 * returned as it is.
 */
@FunctionalInterface
public interface ServiceUriResolver {

    /** The scheme of a URI that names a service. */
    String LB_SCHEME = "lb";

    /** Resolves nothing: a service URI fails its call. */
    ServiceUriResolver NONE = (uri) -> {
        if (LB_SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new DtmException("Cannot call " + uri + ": it names a service, and this application has no "
                    + "Spring Cloud LoadBalancer to resolve it. Add spring-cloud-starter-loadbalancer with a "
                    + "discovery client, or set dtm.server to an http(s) URL.");
        }
        return uri;
    };

    /**
     * The URI to call now for {@code uri}.
     * @throws io.dtm.protocol.DtmRetryableException when the service has no instance now
     */
    URI resolve(URI uri);

}
