package io.dtm.coordinator.engine.call;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.protocol.CallbackSignature;
import org.jspecify.annotations.Nullable;

/**
 * Which URLs the coordinator may call for a branch, a back-check or a workflow resume.
 * <ul>
 * <li>Only {@code http} and {@code https} URLs with a host; and, when a
 * {@link ServiceUrlResolver} resolves their scheme, service URLs such as
 * {@code lb://bank/api/transIn}, accepted when a transaction is submitted with the shape
 * rules below, while the allow-list applies to the instance URL each call resolves them
 * to ({@link #callRefusal(String)}).</li>
 * <li>No fragment, no query parameter the coordinator sets itself ({@code gid},
 * {@code trans_type}, {@code branch_id}, {@code op}, {@code dtm}), no dot segments and no
 * encoded dots or slashes in the path: a signed call is the coordinator's decision for
 * the gid, branch and op it names, and goes where the allow-list saw it go.</li>
 * <li>With an allow-list, the URL must match one of its patterns
 * ({@code scheme://host[:port][/path]}: {@code *} in the host matches any characters,
 * {@code :*} or no port any port, {@code *} in the path one path segment, {@code **} any
 * rest, no path any path; matched against the path with repeated slashes collapsed).
 * Without one every URL is allowed, as in dtm.</li>
 * <li>Link-local addresses (169.254.0.0/16, fe80::/10) and cloud metadata endpoints
 * (169.254.169.254, fd00:ec2::254, 100.100.100.200, metadata.google.internal) are
 * refused, also when a host name resolves to one of them, unless an allow-list pattern
 * names that host literally (no wildcard).</li>
 * </ul>
 */
public class BranchUrlPolicy {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog",
            "169.254.169.254", "fd00:ec2::254", "100.100.100.200");

    private static final Pattern IPV4_LITERAL = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private final List<UrlPattern> patterns;

    /** The schemes of service URLs accepted by {@link #refusal(String)}. */
    private final Set<String> serviceSchemes;

    private BranchUrlPolicy(List<UrlPattern> patterns, Set<String> serviceSchemes) {
        this.patterns = patterns;
        this.serviceSchemes = serviceSchemes;
    }

    public BranchUrlPolicy(List<String> allowedUrls) {
        List<UrlPattern> parsed = new ArrayList<>();
        if (allowedUrls != null) {
            for (String pattern : allowedUrls) {
                if (pattern != null && !pattern.isBlank()) {
                    parsed.add(UrlPattern.parse(pattern.trim()));
                }
            }
        }
        this.patterns = List.copyOf(parsed);
        this.serviceSchemes = Set.of();
    }

    /**
     * This policy, accepting also service URLs of {@code schemes} (lower case) where a
     * transaction names a URL; calls still go to http(s) URLs only.
     */
    public BranchUrlPolicy withServiceSchemes(Set<String> schemes) {
        for (String scheme : schemes) {
            if (scheme.equals("http") || scheme.equals("https") || scheme.equals("topic")
                    || !scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + scheme + "' cannot be a service URL scheme");
            }
        }
        return new BranchUrlPolicy(patterns, Set.copyOf(schemes));
    }

    /** The schemes of the service URLs a transaction may name, lower case. */
    public Set<String> serviceSchemes() {
        return serviceSchemes;
    }

    /**
     * Every URL allowed except link-local and metadata addresses, as dtm (which refuses
     * none).
     */
    public static BranchUrlPolicy allowAll() {
        return new BranchUrlPolicy(List.of());
    }

    public boolean hasAllowList() {
        return !patterns.isEmpty();
    }

    /**
     * Refuses a URL a transaction names ({@code field} is its JSON name, e.g.
     * {@code steps[0].action}) with an {@link InvalidRequestException} (400); call it
     * when a transaction is prepared or submitted and when a branch is registered. An
     * empty URL is allowed: dtm counts it as an instant success.
     */
    public void check(String field, String url) {
        String refusal = refusal(url);
        if (refusal != null) {
            throw new InvalidRequestException(field + ": " + refusal);
        }
    }

    /**
     * Why a transaction may not name {@code url}, or {@code null} when it may: an http(s)
     * URL the coordinator may call, or a service URL of a scheme this policy accepts
     * (whose instance URLs are checked at each call).
     */
    public @Nullable String refusal(String url) {
        return refusal(url, serviceSchemes);
    }

    /**
     * Why the coordinator may not call {@code url} now, or {@code null} when it may: only
     * http(s) URLs are called, a service URL once resolved.
     */
    public @Nullable String callRefusal(String url) {
        return refusal(url, Set.of());
    }

    private @Nullable String refusal(String url, Set<String> acceptedServiceSchemes) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException ex) {
            return "'" + LogSafe.prefix(url, 200) + "' is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (acceptedServiceSchemes.contains(scheme)) {
            return serviceUrlRefusal(url, uri);
        }
        String host = host(uri);
        if (!scheme.equals("http") && !scheme.equals("https") || host.isEmpty()) {
            return "'" + LogSafe.prefix(url, 200) + "' is not an http(s) URL with a host" + (serviceSchemes.isEmpty()
                    ? "; a service URL such as lb://bank/path needs service discovery on the coordinator"
                            + " (dtm.coordinator.discovery.enabled with a DiscoveryClient or LoadBalancerClient)"
                    : " nor a service URL ("
                            + String.join(" or ",
                                    serviceSchemes.stream().sorted().map((s) -> s + "://<service>/<path>").toList())
                            + ")");
        }
        String shape = shapeRefusal(url, uri);
        if (shape != null) {
            return shape;
        }
        if (isMetadataOrLinkLocal(host) && !isExplicitlyAllowed(host)) {
            return "'" + LogSafe.prefix(url, 200) + "' points at a link-local or cloud metadata address; list it in"
                    + " dtm.coordinator.callback.allowed-urls to allow it";
        }
        if (!patterns.isEmpty()
                && patterns.stream().noneMatch(p -> p.matches(scheme, host, port(uri, scheme), normalizedPath(uri)))) {
            return "'" + LogSafe.prefix(url, 200) + "' matches none of dtm.coordinator.callback.allowed-urls";
        }
        return null;
    }

    /**
     * A service URL names a service as its host, with no user or port (those belong to an
     * instance), and has the shape of a URL that can be signed for.
     */
    private static @Nullable String serviceUrlRefusal(String url, URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null || !SERVICE_NAME.matcher(authority).matches()) {
            return "'" + LogSafe.prefix(url, 200) + "' must name a service as its host, without user or port: "
                    + uri.getScheme() + "://<service>/<path>, the service name of letters, digits, '.', '_' and '-'";
        }
        return shapeRefusal(url, uri);
    }

    /**
     * What makes a URL unfit to be signed for, whatever the allow-list: a fragment (the
     * coordinator's parameters would land in it and never be sent), a parameter the
     * coordinator sets itself (a receiver could take the URL's value for the signed one),
     * dot segments or encoded dots and slashes in the path (the receiver would resolve
     * the path elsewhere than the allow-list saw it).
     */
    private static @Nullable String shapeRefusal(String url, URI uri) {
        String quoted = "'" + LogSafe.prefix(url, 200) + "'";
        if (url.indexOf('#') >= 0) {
            return quoted + " has a fragment (#...): the coordinator adds gid, trans_type, branch_id and op to the"
                    + " query of each call, so a URL may not carry one";
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name;
                try {
                    name = URLDecoder.decode(eq >= 0 ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
                }
                catch (IllegalArgumentException ex) {
                    return quoted + " has a query that is not validly percent-encoded";
                }
                if (CallbackSignature.RESERVED_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                    return quoted + " sets the query parameter '" + LogSafe.prefix(name, 32)
                            + "', which the coordinator sets on each call (reserved: gid, trans_type, branch_id, op,"
                            + " dtm)";
                }
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")) {
            return quoted + " has an encoded dot or slash (%2E, %2F, %5C) in its path; write the path plainly";
        }
        for (String segment : path.split("/")) {
            int params = segment.indexOf(';');
            String name = params >= 0 ? segment.substring(0, params) : segment;
            if (name.equals(".") || name.equals("..")) {
                return quoted + " has a dot segment (. or ..) in its path; write the path without them";
            }
        }
        return null;
    }

    /**
     * The path as a receiver resolves it, for the allow-list: with dot segments refused
     * before, only repeated slashes are left to collapse.
     */
    private static String normalizedPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.replaceAll("/{2,}", "/");
    }

    /**
     * Why a connection to {@code address}, which {@code host} resolved to, is refused, or
     * {@code null}: catches host names (and numeric forms such as {@code 0xa9fea9fe})
     * that resolve to a refused address.
     */
    public @Nullable String refusedAddress(String host, InetAddress address) {
        String name = stripBrackets(host == null ? "" : host.toLowerCase(Locale.ROOT));
        if (isExplicitlyAllowed(name) || !isRefused(address)) {
            return null;
        }
        return "host " + LogSafe.prefix(name, 200) + " resolves to " + address.getHostAddress()
                + ", a link-local or cloud metadata address";
    }

    private boolean isExplicitlyAllowed(String host) {
        for (UrlPattern p : patterns) {
            if (!p.host.contains("*") && sameHost(p.host, host)) {
                return true;
            }
        }
        return false;
    }

    static boolean isMetadataOrLinkLocal(String host) {
        if (METADATA_HOSTS.contains(host) || METADATA_HOSTS.contains(trimDot(host))) {
            return true;
        }
        InetAddress literal = literal(host);
        return literal != null && isRefused(literal);
    }

    static boolean isRefused(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254
                    || (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
                return true;
            }
            InetAddress awsMetadata = literal("fd00:ec2::254");
            return address.equals(awsMetadata) || isRefused(embeddedIpv4(b));
        }
        return false;
    }

    /**
     * The IPv4 address inside an IPv4-compatible, -mapped or NAT64 (64:ff9b::/96)
     * address, else loopback.
     */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] == 0 && b[11] == 0 || b[10] == (byte) 0xff && b[11] == (byte) 0xff);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        try {
            if (mapped || nat64) {
                return InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
            }
            return InetAddress.getLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /**
     * The address an IP literal names, without any DNS lookup; {@code null} for a host
     * name.
     */
    static @Nullable InetAddress literal(String host) {
        String h = stripBrackets(host);
        if (!IPV4_LITERAL.matcher(h).matches() && !h.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(h);
        }
        catch (UnknownHostException ex) {
            return null;
        }
    }

    private static boolean sameHost(String a, String b) {
        if (trimDot(a).equalsIgnoreCase(trimDot(b))) {
            return true;
        }
        InetAddress la = literal(a);
        return la != null && la.equals(literal(b));
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host == null ? "" : stripBrackets(host.toLowerCase(Locale.ROOT));
    }

    private static int port(URI uri, String scheme) {
        return uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** One allow-list entry. */
    private record UrlPattern(String scheme, String host, Pattern hostRegex, Integer port, Pattern pathRegex) {

        static UrlPattern parse(String text) {
            int schemeEnd = text.indexOf("://");
            if (schemeEnd <= 0) {
                throw new IllegalArgumentException("dtm.coordinator.callback.allowed-urls entry '" + text
                        + "' needs a scheme: http://host[:port][/path] or https://...");
            }
            String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("*")) {
                throw new IllegalArgumentException("dtm.coordinator.callback.allowed-urls entry '" + text
                        + "': the scheme must be http, https or *");
            }
            String rest = text.substring(schemeEnd + 3);
            int slash = rest.indexOf('/');
            String authority = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash);
            String host = authority;
            Integer port = null;
            int colon = authority.lastIndexOf(':');
            if (colon > authority.lastIndexOf(']')) {
                host = authority.substring(0, colon);
                String p = authority.substring(colon + 1);
                if (!p.equals("*")) {
                    try {
                        port = Integer.parseInt(p);
                    }
                    catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("dtm.coordinator.callback.allowed-urls entry '" + text
                                + "' has an invalid port '" + p + "'");
                    }
                }
            }
            host = stripBrackets(host.toLowerCase(Locale.ROOT));
            if (host.isEmpty()) {
                throw new IllegalArgumentException(
                        "dtm.coordinator.callback.allowed-urls entry '" + text + "' has no host; use * for any host");
            }
            return new UrlPattern(scheme, host, glob(host, "*", ".*"), port,
                    path.isEmpty() || path.equals("/**") ? null : pathGlob(path));
        }

        boolean matches(String urlScheme, String urlHost, int urlPort, String rawPath) {
            if (!scheme.equals("*") && !scheme.equals(urlScheme)) {
                return false;
            }
            if (!hostRegex.matcher(urlHost).matches() && !sameHost(host, urlHost)) {
                return false;
            }
            if (port != null && port != urlPort) {
                return false;
            }
            String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            return pathRegex == null || pathRegex.matcher(path).matches();
        }

        private static Pattern pathGlob(String path) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c == '*' && i + 1 < path.length() && path.charAt(i + 1) == '*') {
                    regex.append(".*");
                    i++;
                }
                else if (c == '*') {
                    regex.append("[^/]*");
                }
                else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }

        private static Pattern glob(String text, String wildcard, String replacement) {
            StringBuilder regex = new StringBuilder();
            for (String part : text.split(Pattern.quote(wildcard), -1)) {
                if (!regex.isEmpty()) {
                    regex.append(replacement);
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        }
    }

}
