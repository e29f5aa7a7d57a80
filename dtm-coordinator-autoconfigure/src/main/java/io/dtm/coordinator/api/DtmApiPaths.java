package io.dtm.coordinator.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The paths the coordinator serves; its error replies apply there only, so an embedding
 * app keeps its own.
 */
public final class DtmApiPaths {

    /**
     * The same paths as servlet URL patterns, for the filters that guard them
     * ({@code /x/*} also matches {@code /x}), so a request to an unknown route below them
     * meets the same limits before it is refused.
     */
    public static final String[] SERVLET_PATTERNS = { "/api/dtmsvr/*", "/api/json-rpc/*", "/api/ping/*",
            "/api/admin/*" };

    private DtmApiPaths() {
    }

    static boolean isCoordinatorPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
                : uri;
        return path.equals("/api/dtmsvr") || path.startsWith("/api/dtmsvr/") || path.startsWith("/api/json-rpc")
                || path.startsWith("/api/ping") || path.equals("/api/admin") || path.startsWith("/api/admin/");
    }

}
