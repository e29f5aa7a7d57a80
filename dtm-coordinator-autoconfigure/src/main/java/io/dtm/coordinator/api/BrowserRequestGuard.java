package io.dtm.coordinator.api;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.util.UrlPathHelper;

import io.dtm.coordinator.engine.support.LogSafe;

/**
 * Keeps web pages from driving the coordinator through a browser on the operator's
 * machine, which can reach a coordinator that the attacker cannot: requests must name an
 * allowed host in {@code Host} (a DNS-rebinding page names its own), POST requests must
 * carry a JSON body (a cross-site form or {@code text/plain} fetch cannot send one
 * without a CORS preflight, which the coordinator never grants), and the GET routes that
 * change state (dtm's {@code subscribe}, {@code unsubscribe}, {@code resetCronTime}) are
 * refused when the browser marks the request as coming from another site. dtm's SDKs send
 * JSON and no browser headers, so they are not affected.
 */
public class BrowserRequestGuard implements Filter {

    /** dtm's GET routes that change state, below {@code /api/dtmsvr}. */
    private static final Set<String> STATE_CHANGING_GETS = Set.of("/api/dtmsvr/subscribe", "/api/dtmsvr/unsubscribe",
            "/api/dtmsvr/resetcrontime");

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final AllowedHosts hosts;

    public BrowserRequestGuard(AllowedHosts hosts) {
        this.hosts = hosts;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        String path = normalize(PATHS.getPathWithinApplication(request));
        if (path.startsWith("/api/ping")) {
            chain.doFilter(request, response);
            return;
        }
        String host = request.getHeader("Host");
        if (!hosts.allows(host)) {
            ReplyWriter.write(response,
                    DtmReplies.error(403,
                            "the Host header '" + LogSafe.prefix(host, 100)
                                    + "' is not allowed: the coordinator answers requests addressed to "
                                    + hosts.describe() + " (dtm.coordinator.web.allowed-hosts)"));
            return;
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        boolean changes = !READ_METHODS.contains(method);
        // POST is the one method with a body a page may send to another site unasked
        if ("POST".equals(method) && !isJson(request.getContentType())) {
            ReplyWriter
                .write(response,
                        DtmReplies.error(415,
                                "content type "
                                        + (request.getContentType() == null ? "(none)"
                                                : "'" + LogSafe.prefix(request.getContentType().split(";")[0].trim(),
                                                        100) + "'")
                                        + " is not accepted: POST requests to the coordinator must send"
                                        + " 'Content-Type: application/json' (browsers cannot send it across sites)"));
            return;
        }
        if ((changes || STATE_CHANGING_GETS.contains(path.toLowerCase(Locale.ROOT))) && isCrossSite(request, host)) {
            ReplyWriter.write(response,
                    DtmReplies.error(403,
                            "cross-site request refused: a browser marked this " + method
                                    + " as sent by another site (Sec-Fetch-Site or Origin), and routes that change"
                                    + " transactions or topics accept no cross-site requests"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** {@code application/json} or any {@code application/*+json}. */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    /**
     * What a browser says about where the request comes from: {@code Sec-Fetch-Site}
     * other than {@code same-origin} and {@code none} (typed in the address bar), or an
     * {@code Origin} whose host and port are not the {@code Host} the request was sent
     * to. A request without either header did not come from a browser's web page.
     */
    static boolean isCrossSite(HttpServletRequest request, String host) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            String s = site.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("same-origin") && !s.equals("none")) {
                return true;
            }
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        return !sameAuthority(origin, host, request.isSecure());
    }

    private static boolean sameAuthority(String origin, String host, boolean secure) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            AllowedHosts.Authority target = AllowedHosts.Authority.parse(host);
            if (target == null) {
                return false;
            }
            int targetPort = target.port() >= 0 ? target.port() : secure ? 443 : 80;
            return AllowedHosts.bare(uri.getHost()).equalsIgnoreCase(target.host()) && port == targetPort;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static String normalize(String path) {
        return path == null || path.isEmpty() ? "/" : path.replaceAll("/{2,}", "/");
    }

}
