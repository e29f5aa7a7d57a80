package io.dtm.coordinator.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.core.JacksonException;

import io.dtm.coordinator.auth.ApiAccessRules;
import io.dtm.coordinator.auth.ApiAuthFilter;
import io.dtm.coordinator.auth.ApiRole;
import io.dtm.coordinator.model.TransJson;

/**
 * The second half of {@link ApiAuthFilter} for JSON-RPC: runs after the body has been
 * received (by the coordinator's body reading filter, within its size and time limits)
 * and lets a token below OPERATE call only the methods its role allows; 403 otherwise.
 * Requests that {@link ApiAuthFilter} did not mark pass untouched.
 */
public class JsonRpcRoleFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(request.getAttribute(ApiAuthFilter.RPC_ROLE_ATTRIBUTE) instanceof ApiRole role)) {
            chain.doFilter(request, response);
            return;
        }
        BufferedBodyRequest cached = BufferedBodyRequest.read(request);
        String rpcMethod = rpcMethod(cached.body());
        ApiRole required = ApiAccessRules.requiredRpcRole(rpcMethod);
        if (role.allows(required)) {
            chain.doFilter(cached, response);
            return;
        }
        ApiAuthFilter.forbid(request, response, role, required, "JSON-RPC method " + rpcMethod);
    }

    private static @Nullable String rpcMethod(byte[] body) {
        try {
            Map<String, Object> request = TransJson.readObject(new String(body, StandardCharsets.UTF_8));
            return request != null && request.get("method") instanceof String m ? m : null;
        }
        catch (JacksonException | IllegalArgumentException ex) {
            return null;
        }
    }

}
