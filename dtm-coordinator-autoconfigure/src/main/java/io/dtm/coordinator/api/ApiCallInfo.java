package io.dtm.coordinator.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the JSON-RPC endpoint learnt about a call, left on the request for filters that
 * run around it: the HTTP status of a JSON-RPC reply is 200 whatever happened, and the
 * method is in the body.
 */
public final class ApiCallInfo {

    /** The JSON-RPC method, when it is one of dtm's. */
    public static final String METHOD = ApiCallInfo.class.getName() + ".method";

    /** {@link #OK}, {@link #FAILURE} or {@link #ERROR}. */
    public static final String OUTCOME = ApiCallInfo.class.getName() + ".outcome";

    public static final String OK = "OK";

    public static final String FAILURE = "FAILURE";

    public static final String ERROR = "ERROR";

    private ApiCallInfo() {
    }

    static void method(HttpServletRequest request, String method) {
        request.setAttribute(METHOD, method);
    }

    static void outcome(HttpServletRequest request, int jsonRpcCode) {
        request.setAttribute(OUTCOME,
                jsonRpcCode == 0 ? OK : jsonRpcCode == JsonRpcController.FAILURE ? FAILURE : ERROR);
    }

}
