package io.dtm.spring.feign;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Turns the URLs of the annotations into URLs the coordinator can call: a path is
 * resolved against the Feign client's base URL, an absolute {@code http(s)} URL is kept.
 * A service ({@code lb://bank-out/...}, or the base URL of a Feign client that has a name
 * but no URL) is recorded by name, as {@code lb://bank-out/...}: the coordinator resolves
 * it through its service discovery at each call, so a retry or a compensation reaches an
 * instance live then. {@link LoadBalancerBranchUrlResolver} records one instance's URL
 * instead, for a coordinator without service discovery.
 */
public class BranchUrlResolver {

    public static final String LB_SCHEME = "lb";

    /**
     * @param urlOrPath an absolute URL or a path
     * @param baseUrl the Feign client's base URL
     * @param serviceName the service name of a load-balanced Feign client, or
     * {@code null}
     */
    public String resolve(String urlOrPath, @Nullable String baseUrl, @Nullable String serviceName) {
        String url = join(urlOrPath, baseUrl);
        URI uri = URI.create(url);
        if (LB_SCHEME.equals(uri.getScheme())) {
            return resolveService(uri.getHost(), replaceScheme(uri, "http"));
        }
        if (serviceName != null && serviceName.equalsIgnoreCase(uri.getHost())) {
            return resolveService(uri.getHost(), uri);
        }
        return url;
    }

    /**
     * The URL to record for a URL whose host is a service name: the service URL
     * {@code lb://<service>/<path>}, resolved by the coordinator at each call.
     * @param uri the URL with scheme {@code http} or {@code https} and the service name
     * as its host
     */
    protected String resolveService(String serviceName, URI uri) {
        return replaceScheme(uri, LB_SCHEME).toString();
    }

    static String join(String urlOrPath, String baseUrl) {
        if (urlOrPath.contains("://")) {
            return urlOrPath;
        }
        if (!StringUtils.hasText(baseUrl)) {
            throw new IllegalStateException("Cannot resolve the path '" + urlOrPath + "' without a base URL");
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String path = urlOrPath.startsWith("/") ? urlOrPath : "/" + urlOrPath;
        return base + path;
    }

    static URI replaceScheme(URI uri, String scheme) {
        return URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    }

}
