package io.dtm.coordinator.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.model.TransJson;

/**
 * Bearer-token authentication of the coordinator's API ({@code /api/dtmsvr/**},
 * {@code /api/json-rpc}, {@code /api/admin/**}, {@code /admin/**}; never
 * {@code /api/ping} nor the admin UI's static files): 401 with
 * {@code WWW-Authenticate: Bearer} when the token is missing or unknown, 403 when its
 * role does not allow the route. Replies use dtm's {@code {"message"}} shape. The token
 * itself is never logged.
 * <p>
 * It runs before the coordinator's body reading filter and reads only the request line
 * and headers, so no body of an unauthenticated request is ever buffered. Which JSON-RPC
 * method a token below OPERATE may call is decided by
 * {@link io.dtm.coordinator.api.JsonRpcRoleFilter} once the body has been received.
 */
public class ApiAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiAuthFilter.class);

    private static final String BEARER = "bearer ";

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    /**
     * The role of an authenticated JSON-RPC caller whose role does not allow every
     * method: {@link io.dtm.coordinator.api.JsonRpcRoleFilter} checks the method it
     * calls.
     */
    public static final String RPC_ROLE_ATTRIBUTE = ApiAuthFilter.class.getName() + ".rpcRole";

    private final ApiTokens tokens;

    public ApiAuthFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * A request with a body reaches the controllers in an async dispatch, after
     * DtmApiRequestFilter has read the body without holding a thread: it is checked again
     * there.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the container's normalized servlet path and Spring's decoded request path: the
        // stricter rule of the two
        String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String appPath = PATHS.getPathWithinApplication(request);
        ApiRole required = stricter(ApiAccessRules.requiredRole(request.getMethod(), servletPath),
                ApiAccessRules.requiredRole(request.getMethod(), appPath));
        if (required == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = bearerToken(request);
        if (token == null) {
            log.debug("Refused {} {}: no bearer token", request.getMethod(), LogSafe.escape(appPath));
            reply(response, 401, "authentication required: send the header 'Authorization: Bearer <token>'",
                    "Bearer realm=\"dtm\"");
            return;
        }
        ApiGrant grant = tokens.grantOf(token);
        ApiRole role = grant == null ? null : grant.role();
        if (role == null) {
            log.warn("Refused {} {} from {}: unknown bearer token", request.getMethod(), LogSafe.escape(appPath),
                    request.getRemoteAddr());
            reply(response, 401, "invalid token", "Bearer realm=\"dtm\", error=\"invalid_token\"");
            return;
        }
        if (grant.scoped() && !(ApiAccessRules.namesOneGid(servletPath) && ApiAccessRules.namesOneGid(appPath))) {
            log.warn("Refused {} {} from {}: the token is limited to gid prefixes", request.getMethod(),
                    LogSafe.escape(appPath), request.getRemoteAddr());
            reply(response, 403,
                    "forbidden: " + request.getMethod() + " " + appPath + " is not limited to a gid,"
                            + " and the token may only act on gids starting with "
                            + String.join(" or ", grant.gidPrefixes().stream().map(p -> "'" + p + "'").toList())
                            + " (dtm.coordinator.auth.tokens[n].gid-prefixes)",
                    null);
            return;
        }
        request.setAttribute(ApiGrant.ATTRIBUTE, grant);
        if (role.allows(required)) {
            chain.doFilter(request, response);
            return;
        }
        if (ApiAccessRules.isJsonRpc(servletPath) || ApiAccessRules.isJsonRpc(appPath)) {
            // authenticated: its body may be received, then the method decides
            request.setAttribute(RPC_ROLE_ATTRIBUTE, role);
            chain.doFilter(request, response);
            return;
        }
        forbid(request, response, role, required, request.getMethod() + " " + appPath);
    }

    public static void forbid(HttpServletRequest request, HttpServletResponse response, ApiRole role, ApiRole required,
            String what) throws IOException {
        log.warn("Refused {} from {}: the token's role {} does not allow it", LogSafe.escape(what),
                request.getRemoteAddr(), role);
        reply(response, 403, "forbidden: " + what + " needs the " + required + " role; the token has " + role, null);
    }

    private static ApiRole stricter(ApiRole a, ApiRole b) {
        if (a == null) {
            return b;
        }
        return b == null || a.allows(b) ? a : b;
    }

    private static @Nullable String bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    static void reply(HttpServletResponse response, int status, String message, String challenge) throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(TransJson.write(Map.of("message", message)));
    }

}
