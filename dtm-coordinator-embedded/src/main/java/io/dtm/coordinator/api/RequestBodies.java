package io.dtm.coordinator.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import io.dtm.coordinator.engine.InvalidRequestException;
import io.dtm.coordinator.engine.TransRequest;
import io.dtm.coordinator.model.TransJson;

/** Reads request bodies with the coordinator's own JSON settings and turns JSON errors into clear messages. */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The raw request body whatever its content type: clients such as {@code curl -d} send JSON as a form post,
     * which Spring would otherwise re-encode from the parsed form parameters.
     */
    static String read(HttpServletRequest request) {
        try {
            return new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("reading the request body failed", ex);
        }
    }

    static TransRequest trans(String body) {
        requireBody(body);
        try {
            TransRequest request = TransJson.MAPPER.readValue(body, TransRequest.class);
            if (request == null) {
                throw new InvalidRequestException("request body is null: send a JSON object");
            }
            return request.cleaned();
        }
        catch (JacksonException ex) {
            throw invalidJson(ex);
        }
    }

    /** registerBranch takes a flat object whose values are all strings (protocol §2.3). */
    static Map<String, String> stringMap(String body) {
        requireBody(body);
        Map<String, Object> raw;
        try {
            raw = TransJson.readObject(body);
        }
        catch (JacksonException ex) {
            throw invalidJson(ex);
        }
        if (raw == null) {
            throw new InvalidRequestException("request body is null: send a JSON object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (value != null && !(value instanceof String)) {
                throw new InvalidRequestException("field '" + key + "' must be a string, got "
                        + TransJson.write(value) + ": registerBranch takes string values only");
            }
            values.put(key, (String) value);
        });
        return values;
    }

    static InvalidRequestException invalidJson(JacksonException ex) {
        String where = ex instanceof DatabindException db && !db.getPath().isEmpty()
                ? " at field '" + path(db) + "'" : "";
        return new InvalidRequestException("malformed JSON" + where + ": " + ex.getOriginalMessage());
    }

    private static String path(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            }
            else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static void requireBody(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("request body is empty: send a JSON object");
        }
    }
}
