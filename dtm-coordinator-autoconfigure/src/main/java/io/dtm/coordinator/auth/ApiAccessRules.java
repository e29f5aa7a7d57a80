package io.dtm.coordinator.auth;

import java.util.Locale;
import java.util.Set;

import io.dtm.coordinator.admin.ui.AdminUi;
import org.jspecify.annotations.Nullable;

/**
 * Which role a request to the coordinator needs: READ for the routes that only read (GET
 * and HEAD under {@code /api/admin} and {@code /admin} among them), OPERATE for every
 * other route under {@code /api/dtmsvr} (unknown ones included), {@code /api/admin},
 * {@code /admin} and JSON-RPC; nothing for {@code /api/ping}, the admin UI's static files
 * (they hold no data) and routes that are not the coordinator's. Prefixes are matched
 * case-insensitively and with repeated slashes collapsed, so a spelling that the
 * dispatcher might still route never slips past; READ routes must match exactly.
 */
public final class ApiAccessRules {

    static final String API = "/api/dtmsvr";
    static final String JSON_RPC = "/api/json-rpc";
    static final String ADMIN = "/admin";
    static final String ADMIN_API = "/api/admin";

    private static final Set<String> READ_ROUTES = Set.of("/newGid", "/query", "/all", "/scanKV", "/queryKV",
            "/version");

    /**
     * The routes a token limited to gid prefixes may call: those that act on or read the
     * transaction a gid names (or list transactions, filtered to its gids), and newGid
     * and version, which touch none.
     */
    private static final Set<String> GID_ROUTES = Set.of("/newGid", "/version", "/query", "/all", "/prepare", "/submit",
            "/abort", "/forceStop", "/registerBranch", "/registerXaBranch", "/registerTccBranch", "/prepareWorkflow",
            "/resetNextCronTime");

    /** JSON-RPC methods a READ token may call; the others change transactions. */
    private static final Set<String> READ_RPC_METHODS = Set.of("newGid");

    private ApiAccessRules() {
    }

    /** The role a request needs, or null when the path is not guarded. */
    public static @Nullable ApiRole requiredRole(String httpMethod, String path) {
        String p = normalize(path);
        String lower = p.toLowerCase(Locale.ROOT);
        if (under(lower, API)) {
            return READ_ROUTES.contains(p.substring(API.length())) ? ApiRole.READ : ApiRole.OPERATE;
        }
        if (under(lower, JSON_RPC)) {
            return ApiRole.OPERATE;
        }
        boolean reads = "GET".equalsIgnoreCase(httpMethod) || "HEAD".equalsIgnoreCase(httpMethod);
        if (under(lower, ADMIN)) {
            if (reads && AdminUi.isUiFile(p)) {
                return null;
            }
            return reads ? ApiRole.READ : ApiRole.OPERATE;
        }
        if (under(lower, ADMIN_API)) {
            return reads ? ApiRole.READ : ApiRole.OPERATE;
        }
        return null;
    }

    /**
     * Whether a route acts on the one transaction its request names by gid, or on none
     * (JSON-RPC's methods all do), so a token limited to gid prefixes may call it.
     */
    public static boolean namesOneGid(String path) {
        String p = normalize(path);
        String lower = p.toLowerCase(Locale.ROOT);
        if (under(lower, JSON_RPC)) {
            return true;
        }
        return under(lower, API) && GID_ROUTES.contains(p.substring(API.length()));
    }

    /**
     * Whether the path is the JSON-RPC endpoint, where the called method decides the
     * role.
     */
    public static boolean isJsonRpc(String path) {
        return under(normalize(path).toLowerCase(Locale.ROOT), JSON_RPC);
    }

    /** The role a JSON-RPC method needs; an unknown or missing method needs OPERATE. */
    public static ApiRole requiredRpcRole(String rpcMethod) {
        return rpcMethod != null && READ_RPC_METHODS.contains(rpcMethod) ? ApiRole.READ : ApiRole.OPERATE;
    }

    private static boolean under(String lowerPath, String prefix) {
        return lowerPath.startsWith(prefix) && (lowerPath.length() == prefix.length()
                || lowerPath.charAt(prefix.length()) == '/' || lowerPath.charAt(prefix.length()) == ';');
    }

    private static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.replaceAll("/{2,}", "/");
    }

}
