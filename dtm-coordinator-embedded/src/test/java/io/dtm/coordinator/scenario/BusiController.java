package io.dtm.coordinator.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.dtm.coordinator.model.TransJson;

/**
 * The test business service the coordinator calls over real HTTP: any route under
 * /api/busi answers by the one-shot switch of its (gid, route), SUCCESS by default.
 * Routes ending in {@code Old} answer 200 with the result in the body, like branches of
 * SDKs older than v1.10.
 */
@RestController
@RequestMapping("/api/busi")
public class BusiController {

    private final Busi busi;

    public BusiController(Busi busi) {
        this.busi = busi;
    }

    @RequestMapping("/{route}")
    public ResponseEntity<String> handle(@PathVariable String route, HttpServletRequest request,
            @RequestBody(required = false) String body) {
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> query.put(k, v[0]));
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaderNames().asIterator().forEachRemaining(h -> headers.put(h.toLowerCase(), request.getHeader(h)));
        busi.record(new Busi.Call(route, request.getMethod(), query, headers, body));
        String gid = query.getOrDefault("gid", "");
        if ("JsonRpc".equals(route)) {
            Map<String, Object> envelope = TransJson.readObject(body);
            Object params = envelope.get("params");
            String rpcGid = params instanceof Map<?, ?> p ? String.valueOf(p.get("gid")) : "";
            return jsonRpc(envelope.get("id"), busi.nextResult(rpcGid, route));
        }
        String result = busi.nextResult(gid, route);
        if (route.endsWith("Old")) {
            return json(200, "{\"dtm_result\":\"" + result + "\"}");
        }
        return switch (result) {
            case "FAILURE" -> json(409, "{\"dtm_result\":\"FAILURE\",\"message\":\"Insufficient balance\"}");
            case "ONGOING" -> json(425, "{\"dtm_result\":\"ONGOING\"}");
            case "ERROR" -> json(500, "{\"message\":\"busi error\"}");
            default -> json(200, "{\"dtm_result\":\"SUCCESS\"}");
        };
    }

    /** dtm's busi JSON-RPC: FAILURE -32901, ONGOING -32902, any other error -23977. */
    private static ResponseEntity<String> jsonRpc(Object id, String result) {
        String error = switch (result) {
            case "FAILURE" -> "{\"code\":-32901,\"message\":\"FAILURE\"}";
            case "ONGOING" -> "{\"code\":-32902,\"message\":\"ONGOING\"}";
            case "ERROR" -> "{\"code\":-23977,\"message\":\"OTHER\"}";
            default -> "null";
        };
        return json(200, "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{},\"error\":" + error + "}");
    }

    private static ResponseEntity<String> json(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

}
