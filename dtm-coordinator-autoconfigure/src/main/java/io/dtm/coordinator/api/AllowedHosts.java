package io.dtm.coordinator.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The names a request may address the coordinator by, in its {@code Host} header
 * ({@code dtm.coordinator.web.allowed-hosts}), ports ignored. A web page that rebinds its
 * own DNS name to the coordinator's address still sends its own name, so only a request
 * meant for the coordinator passes.
 */
public final class AllowedHosts {

    /** The names of this machine's loopback interface. */
    public static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    private final boolean any;

    private final Set<String> names;

    private AllowedHosts(boolean any, Set<String> names) {
        this.any = any;
        this.names = names;
    }

    /** Every host name. */
    public static AllowedHosts any() {
        return new AllowedHosts(true, Set.of());
    }

    /**
     * The loopback names and the configured ones; {@code *} among them allows every name.
     * @throws IllegalArgumentException when a configured entry is not a host name
     */
    public static AllowedHosts of(List<String> configured) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK);
        List<String> entries = configured == null ? List.of() : configured;
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            if (entry.equals("*")) {
                return any();
            }
            String name = bare(entry).toLowerCase(Locale.ROOT);
            boolean hostAndPort = !entry.startsWith("[") && name.indexOf(':') >= 0
                    && name.indexOf(':') == name.lastIndexOf(':');
            if (name.isEmpty() || !name.matches("[a-z0-9._:%-]+") || hostAndPort) {
                throw new IllegalArgumentException("dtm.coordinator.web.allowed-hosts[" + i + "] is '" + entry
                        + "': list host names or IP addresses without scheme or port, or * for any");
            }
            names.add(name);
        }
        return new AllowedHosts(false, Set.copyOf(names));
    }

    /** Whether a request with this {@code Host} header is served. */
    public boolean allows(String hostHeader) {
        if (any) {
            return true;
        }
        Authority authority = Authority.parse(hostHeader);
        return authority != null && names.contains(authority.host().toLowerCase(Locale.ROOT));
    }

    String describe() {
        if (any) {
            return "any host";
        }
        List<String> shown = new ArrayList<>();
        names.forEach(n -> shown.add(n.contains(":") ? "[" + n + "]" : n));
        return String.join(", ", shown.stream().sorted().toList());
    }

    /** An IPv6 literal without its brackets. */
    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * A {@code Host} header: the name (IPv6 without brackets) and the port, -1 when
     * absent.
     */
    record Authority(String host, int port) {

        static @Nullable Authority parse(@Nullable String header) {
            if (header == null || header.isBlank()) {
                return null;
            }
            String value = header.trim();
            String host;
            String port = null;
            if (value.startsWith("[")) {
                int end = value.indexOf(']');
                if (end < 0) {
                    return null;
                }
                host = value.substring(1, end);
                String rest = value.substring(end + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return null;
                    }
                    port = rest.substring(1);
                }
            }
            else {
                int colon = value.indexOf(':');
                host = colon < 0 ? value : value.substring(0, colon);
                port = colon < 0 ? null : value.substring(colon + 1);
            }
            if (host.isEmpty()) {
                return null;
            }
            if (host.endsWith(".") && !host.contains(":")) {
                // "localhost." names the same host as "localhost"
                host = host.substring(0, host.length() - 1);
            }
            if (port == null || port.isEmpty()) {
                return new Authority(host, -1);
            }
            if (!port.matches("[0-9]{1,5}")) {
                return null;
            }
            return new Authority(host, Integer.parseInt(port));
        }

    }

}
