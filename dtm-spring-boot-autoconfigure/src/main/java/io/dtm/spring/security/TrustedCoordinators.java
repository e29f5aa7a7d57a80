package io.dtm.spring.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The coordinators a participant talks to: {@code dtm.server} and
 * {@code dtm.trusted-servers}. A caller's {@code dtm} query parameter (where a
 * participant registers its TCC or XA branch) is honoured only when it names one of them,
 * so a request cannot send a participant's registration, and the data in it, to a host of
 * the caller's choosing. URLs are compared by scheme, host, port and path, ignoring case
 * of scheme and host and a trailing slash.
 */
public class TrustedCoordinators {

    private final Supplier<List<String>> urls;

    private volatile Normalized normalized = new Normalized(List.of(), Set.of());

    public TrustedCoordinators(Supplier<List<String>> urls) {
        this.urls = urls;
    }

    /** Trusts any URL, as dtm's SDKs do. */
    public static TrustedCoordinators any() {
        return new TrustedCoordinators(null);
    }

    public boolean isTrusted(String url) {
        if (this.urls == null) {
            return true;
        }
        String normalized = normalize(url);
        return normalized != null && trusted().contains(normalized);
    }

    /**
     * The trusted URLs normalized, parsed again only when the list changes: this runs on
     * every inbound dtm request.
     */
    private Set<String> trusted() {
        List<String> urls = this.urls.get();
        Normalized last = this.normalized;
        if (last.urls().equals(urls)) {
            return last.trusted();
        }
        Set<String> trusted = urls.stream()
            .filter(Objects::nonNull)
            .map(TrustedCoordinators::normalize)
            .filter(Objects::nonNull)
            .collect(Collectors.toUnmodifiableSet());
        this.normalized = new Normalized(new ArrayList<>(urls), trusted);
        return trusted;
    }

    private record Normalized(List<String> urls, Set<String> trusted) {
    }

    static String normalize(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = (uri.getPort() >= 0) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
            String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
        }
        catch (Exception ex) {
            return null;
        }
    }

}
