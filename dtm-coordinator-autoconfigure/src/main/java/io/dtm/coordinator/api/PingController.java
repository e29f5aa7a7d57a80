package io.dtm.coordinator.api;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code ANY /api/ping}: dtm's liveness check, used by the Java SDK. */
@RestController
public class PingController {

    @RequestMapping("/api/ping")
    public ResponseEntity<String> ping() {
        return DtmReplies.json(200, Map.of("msg", "pong"));
    }

}
