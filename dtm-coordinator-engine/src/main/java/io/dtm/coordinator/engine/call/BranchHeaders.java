package io.dtm.coordinator.engine.call;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.engine.support.LogSafe;
import org.jspecify.annotations.Nullable;

/**
 * The rules for a transaction's {@code branch_headers}, the headers the coordinator adds
 * to every branch call: headers that would redirect the call ({@code Host}) or break HTTP
 * framing (hop-by-hop headers) are refused, and so are names that are not HTTP tokens and
 * values with control characters (header injection).
 */
public final class BranchHeaders {

    private static final Set<String> REFUSED = Set.of("host", "connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "content-length");

    /** The coordinator's own signature header: only the coordinator sets it. */
    private static final String SIGNATURE_PREFIX = "dtm-signature";

    private BranchHeaders() {
    }

    /**
     * Refuses bad {@code branch_headers} with an {@link InvalidRequestException} (400)
     * naming the header; call it when a transaction is prepared or submitted.
     */
    public static void validate(Map<String, String> headers) {
        String refusal = refusal(headers);
        if (refusal != null) {
            throw new InvalidRequestException(refusal);
        }
    }

    /** Why {@code headers} may not be sent to a branch, or {@code null} when they may. */
    public static @Nullable String refusal(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!isToken(name)) {
                return "branch_headers has an invalid header name '" + LogSafe.prefix(name, 64)
                        + "': use letters, digits and !#$%&'*+-.^_`|~";
            }
            if (REFUSED.contains(lower) || lower.startsWith("proxy-")) {
                return "branch_headers may not set " + name
                        + ": Host, Content-Length and hop-by-hop headers (Connection, Keep-Alive, Proxy-*, TE, Trailer,"
                        + " Transfer-Encoding, Upgrade) are set by the coordinator";
            }
            if (lower.startsWith(SIGNATURE_PREFIX)) {
                return "branch_headers may not set " + name + ": the coordinator signs branch calls itself";
            }
            String value = header.getValue() == null ? "" : header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                    return "branch_headers." + name + " has a control character (CR, LF, ...) in its value";
                }
            }
        }
        return null;
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

}
