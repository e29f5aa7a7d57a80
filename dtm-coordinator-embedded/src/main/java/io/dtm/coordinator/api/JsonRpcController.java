package io.dtm.coordinator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.core.JacksonException;

import io.dtm.coordinator.engine.DtmException;
import io.dtm.coordinator.engine.DtmResult;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.model.TransJson;

/**
 * dtm's JSON-RPC 2.0 endpoint (protocol §2.7): always HTTP 200; errors in {@code error.code}: -32901 FAILURE,
 * -32700 parse error, -32600 invalid request, -32601 unknown method, -32603 anything else.
 */
@RestController
public class JsonRpcController {

    static final int FAILURE = -32901;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INTERNAL_ERROR = -32603;

    private final TransService transService;

    public JsonRpcController(TransService transService) {
        this.transService = transService;
    }

    @PostMapping(path = "/api/json-rpc", produces = "application/json")
    public ResponseEntity<String> call(HttpServletRequest httpRequest) {
        String body = RequestBodies.read(httpRequest);
        Map<String, Object> request;
        try {
            request = body.isBlank() ? null : TransJson.readObject(body);
        }
        catch (JacksonException ex) {
            return reply(null, null, PARSE_ERROR, "parse error: " + ex.getOriginalMessage());
        }
        if (request == null) {
            return reply(null, null, PARSE_ERROR, "parse error: the body is not a JSON object");
        }
        Object id = request.get("id");
        if (id == null || "".equals(id) || !"2.0".equals(request.get("jsonrpc"))) {
            return reply(id, null, INVALID_REQUEST, "invalid request: jsonrpc must be \"2.0\" and id must be set");
        }
        String params = TransJson.write(request.get("params") == null ? Map.of() : request.get("params"));
        Object method = request.get("method");
        try {
            switch (String.valueOf(method)) {
                case "newGid" -> {
                    return reply(id, Map.of("gid", transService.newGid()), 0, null);
                }
                case "prepare" -> transService.prepare(RequestBodies.trans(params));
                case "submit" -> transService.submit(RequestBodies.trans(params));
                case "abort" -> transService.abort(RequestBodies.trans(params));
                case "registerBranch" -> transService.registerBranch(RequestBodies.stringMap(params));
                default -> {
                    return reply(id, null, METHOD_NOT_FOUND, "method not found: " + method);
                }
            }
        }
        catch (DtmException ex) {
            return reply(id, null, ex.result() == DtmResult.FAILURE ? FAILURE : INTERNAL_ERROR, ex.getMessage());
        }
        catch (RuntimeException ex) {
            return reply(id, null, INTERNAL_ERROR, ex.getMessage());
        }
        return reply(id, null, 0, null);
    }

    private static ResponseEntity<String> reply(Object id, Object result, int code, String message) {
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
