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

/**
 * The test business service the coordinator calls over real HTTP: any route under /api/busi answers by the
 * one-shot switch of its (gid, route), SUCCESS by default. Routes ending in {@code Old} answer 200 with the result
 * in the body, like branches of SDKs older than v1.10.
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

    private static ResponseEntity<String> json(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
