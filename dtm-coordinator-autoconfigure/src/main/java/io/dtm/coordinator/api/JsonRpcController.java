package io.dtm.coordinator.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.auth.ApiGrant;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.StrictJson;
import io.dtm.protocol.WireFormatException;

/**
 * dtm's JSON-RPC 2.0 endpoint (docs/protocol.md#json-rpc): always HTTP 200 for a request
 * it could read; errors in {@code error.code}: -32901 FAILURE, -32700 parse error, -32600
 * invalid request, -32601 unknown method, -32603 anything else (bad params included, as
 * dtm). Params are read as strictly as the HTTP bodies, and error messages are as clean:
 * no class names, SQL or stack text.
 */
@RestController
public class JsonRpcController {

    static final int FAILURE = -32901;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INTERNAL_ERROR = -32603;

    private static final Set<String> METHODS = Set.of("newGid", "prepare", "submit", "abort", "registerBranch");

    private final TransService transService;

    private final ApiLimits limits;

    public JsonRpcController(TransService transService, ApiLimits limits) {
        this.transService = transService;
        this.limits = limits;
    }

    @PostMapping("/api/json-rpc")
    public ResponseEntity<String> call(HttpServletRequest httpRequest) {
        byte[] body = RequestBodies.read(httpRequest, limits);
        JsonNode request;
        try {
            request = RequestBodies.json(body);
        }
        catch (InvalidRequestException | WireFormatException ex) {
            return reply(httpRequest, null, null, PARSE_ERROR, "parse error: " + ex.getMessage());
        }
        if (!request.isObject()) {
            return reply(httpRequest, null, null, PARSE_ERROR, "parse error: the body is not a JSON object");
        }
        JsonNode id = request.get("id");
        if (!validId(id) || !"2.0".equals(request.path("jsonrpc").stringValue(null))) {
            return reply(httpRequest, validId(id) ? id : null, null, INVALID_REQUEST,
                    "invalid request: jsonrpc must be \"2.0\" and id a non-empty string or a number");
        }
        JsonNode method = request.get("method");
        JsonNode params = request.get("params");
        try {
            if (method == null || !method.isString()) {
                return reply(httpRequest, id, null, METHOD_NOT_FOUND, "method not found: method must be a string");
            }
            if (METHODS.contains(method.stringValue())) {
                ApiCallInfo.method(httpRequest, method.stringValue());
            }
            switch (method.stringValue()) {
                case "newGid" -> {
                    return reply(httpRequest, id, Map.of("gid", transService.newGid()), 0, null);
                }
                case "prepare" ->
                    transService.prepare(trans(httpRequest, params), DtmServerController.trace(httpRequest));
                case "submit" ->
                    transService.submit(trans(httpRequest, params), DtmServerController.trace(httpRequest));
                case "abort" -> transService.abort(trans(httpRequest, params));
                case "registerBranch" -> {
                    Map<String, String> branch = RequestBodies.stringMap(params(params), limits);
                    ApiGrant.checkGid(httpRequest, branch.get("gid"));
                    transService.registerBranch(branch);
                }
                default -> {
                    String name = method.stringValue();
                    return reply(httpRequest, id, null, METHOD_NOT_FOUND,
                            "method not found: " + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                                    + "; use newGid, prepare, submit, abort or registerBranch");
                }
            }
        }
        catch (DtmException ex) {
            return reply(httpRequest, id, null, ex instanceof DtmFailureException ? FAILURE : INTERNAL_ERROR,
                    ApiErrors.safe(ex.getMessage()));
        }
        catch (RuntimeException ex) {
            return reply(httpRequest, id, null, INTERNAL_ERROR, ApiErrors.message(ex));
        }
        return reply(httpRequest, id, null, 0, null);
    }

    private TransRequest trans(HttpServletRequest httpRequest, JsonNode params) {
        TransRequest trans = RequestBodies.trans(params(params), limits);
        ApiGrant.checkGid(httpRequest, trans.getGid());
        return trans;
    }

    /** JSON-RPC ids are strings or numbers; dtm also refuses a missing or empty one. */
    private static boolean validId(JsonNode id) {
        return id != null && (id.isNumber() || id.isString() && !id.stringValue().isEmpty());
    }

    private static JsonNode params(JsonNode params) {
        if (params == null || params.isNull()) {
            throw new InvalidRequestException("params is required: send the request object as params");
        }
        return StrictJson.object(params, "params");
    }

    private static ResponseEntity<String> reply(HttpServletRequest httpRequest, JsonNode id, Object result, int code,
            String message) {
        ApiCallInfo.outcome(httpRequest, code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("result", result);
        if (code == 0) {
            body.put("error", null);
        }
        else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            body.put("error", error);
        }
        return DtmReplies.json(200, body);
    }

}
