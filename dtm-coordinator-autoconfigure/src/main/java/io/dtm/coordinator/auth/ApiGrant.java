package io.dtm.coordinator.auth;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * What the token of a request was granted: its role and the gid prefixes it is limited to
 * (none: every gid). Set on the request by {@link ApiAuthFilter}; absent when
 * authentication is off, which grants everything.
 *
 * @param role the token's role
 * @param gidPrefixes the gids the token may act on or read start with one of these; empty
 * for every gid
 */
public record ApiGrant(ApiRole role, List<String> gidPrefixes) {

    static final String ATTRIBUTE = ApiGrant.class.getName();

    public ApiGrant {
        gidPrefixes = List.copyOf(gidPrefixes);
    }

    /** The grant of a request's token; null when authentication is off. */
    public static @Nullable ApiGrant of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ApiGrant grant ? grant : null;
    }

    /** Whether the token is limited to some gids. */
    public boolean scoped() {
        return !gidPrefixes.isEmpty();
    }

    public boolean allowsGid(String gid) {
        if (!scoped()) {
            return true;
        }
        return gid != null && gidPrefixes.stream().anyMatch(gid::startsWith);
    }

    /**
     * Refuses a gid the request's token may not touch.
     * @throws GidScopeException when the token is limited to other gids
     */
    public static void checkGid(HttpServletRequest request, String gid) {
        ApiGrant grant = of(request);
        if (grant != null && !grant.allowsGid(gid)) {
            throw new GidScopeException("forbidden: the token may only act on gids starting with "
                    + String.join(" or ", grant.gidPrefixes.stream().map(p -> "'" + p + "'").toList())
                    + " (dtm.coordinator.auth.tokens[n].gid-prefixes)");
        }
    }

    /**
     * Whether a request may see the values of a transaction's {@code branch_headers}
     * (credentials for its branches, typically): only a token that may act on the
     * transaction, OPERATE, or anyone when authentication is off.
     */
    public static boolean seesBranchHeaders(HttpServletRequest request) {
        ApiGrant grant = of(request);
        return grant == null || grant.role().allows(ApiRole.OPERATE);
    }

    /** A request named a gid its token is not granted; answered with 403. */
    public static class GidScopeException extends RuntimeException {

        GidScopeException(String message) {
            super(message);
        }

    }

}
