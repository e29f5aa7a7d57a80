package io.dtm.coordinator.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.DtmResult;

/**
 * dtm's reply shapes (docs/protocol.md#replies): 200 SUCCESS, 409 FAILURE, 425 ONGOING,
 * other errors {@code {"message"}}.
 */
public final class DtmReplies {

    static final int TOO_EARLY = 425;

    private DtmReplies() {
    }

    static ResponseEntity<String> success() {
        return json(HttpStatus.OK.value(), Map.of("dtm_result", DtmResult.SUCCESS.wireName()));
    }

    static ResponseEntity<String> failure(String message) {
        return result(HttpStatus.CONFLICT.value(), DtmResult.FAILURE.wireName(), message);
    }

    static ResponseEntity<String> ongoing(String message) {
        return result(TOO_EARLY, DtmResult.ONGOING.wireName(), message);
    }

    public static ResponseEntity<String> error(int status, String message) {
        return json(status, Map.of("message", message == null ? "" : message));
    }

    public static ResponseEntity<String> json(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(TransJson.write(body));
    }

    private static ResponseEntity<String> result(int status, String result, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dtm_result", result);
        body.put("message", message == null ? "" : message);
        return json(status, body);
    }

}
