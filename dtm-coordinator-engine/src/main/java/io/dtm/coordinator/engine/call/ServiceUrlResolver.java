package io.dtm.coordinator.engine.call;

import java.net.URI;
import java.util.Set;

/**
 * Resolves a branch URL that names a service, such as {@code lb://bank/api/transIn}, to
 * the URL of an instance to call now. The {@link BranchCaller} asks at every call
 * (action, compensate, confirm, cancel, back-check, workflow resume, topic subscriber),
 * so each retry and each compensation reaches an instance that is live then. The URL
 * stored and shown stays the service URL; the outbound allow-list and the callback
 * signature apply to the resolved URL.
 * <p>
 * A transaction may name a service URL only when a resolver for its scheme is configured;
 * otherwise prepare, submit and registerBranch answer 400.
 */
public interface ServiceUrlResolver {

    /**
     * The URL schemes this resolver resolves, in lower case; never {@code http},
     * {@code https} or {@code topic}.
     */
    Set<String> schemes();

    /**
     * The URL to call now for {@code serviceUrl}, whose scheme is one of
     * {@link #schemes()}: an {@code http(s)} URL of an instance, with the service URL's
     * path and query (see {@link #instanceUrl(URI, URI)}).
     * @throws NoServiceInstanceException when the service has no instance now: the call
     * is not made and is retried later
     */
    String resolve(URI serviceUrl);

    /** Resolves nothing: only {@code http(s)} URLs are called, as in dtm. */
    static ServiceUrlResolver none() {
        return NoServiceUrlResolver.INSTANCE;
    }

    /**
     * The name of the service a service URL names: its host, or its authority when the
     * name is not a valid host name (an underscore, for one).
     */
    static String serviceName(URI serviceUrl) {
        String host = serviceUrl.getHost();
        return host != null ? host : serviceUrl.getRawAuthority();
    }

    /**
     * {@code serviceUrl} with the scheme, host and port of {@code instance} (such as
     * {@code http://10.0.0.5:8080}, or with a path, which is prefixed), its raw path and
     * query unchanged.
     */
    static String instanceUrl(URI instance, URI serviceUrl) {
        String base = instance.getScheme() + "://" + instance.getRawAuthority();
        String prefix = instance.getRawPath() == null ? "" : instance.getRawPath();
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        String path = serviceUrl.getRawPath() == null ? "" : serviceUrl.getRawPath();
        String query = serviceUrl.getRawQuery() == null ? "" : "?" + serviceUrl.getRawQuery();
        return base + prefix + path + query;
    }

    /** The resolver of {@link #none()}. */
    final class NoServiceUrlResolver implements ServiceUrlResolver {

        private static final NoServiceUrlResolver INSTANCE = new NoServiceUrlResolver();

        private NoServiceUrlResolver() {
        }

        @Override
        public Set<String> schemes() {
            return Set.of();
        }

        @Override
        public String resolve(URI serviceUrl) {
            throw new IllegalStateException("no service discovery is configured to resolve " + serviceUrl);
        }

    }

}
