package io.dtm.coordinator.api;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.protocol.StrictJson;

/**
 * A request body that is one JSON object of known fields, read with the rules of
 * {@link StrictJson} and the body size limit; an unknown field is refused, naming it and
 * the fields there are. For the coordinator's own endpoints (the admin API's actions).
 */
public final class JsonObjectBody {

    private final Map<String, JsonNode> fields;

    private JsonObjectBody(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    public static JsonObjectBody read(HttpServletRequest request, ApiLimits limits, List<String> names) {
        JsonNode object = StrictJson.object(RequestBodies.json(RequestBodies.read(request, limits)), "request body");
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (names.stream().noneMatch(e.getKey()::equalsIgnoreCase)) {
                String name = e.getKey().length() > 64 ? e.getKey().substring(0, 64) + "..." : e.getKey();
                throw new InvalidRequestException(
                        "unknown field '" + ApiErrors.safe(name) + "': use " + String.join(", ", new TreeSet<>(names)));
            }
        }
        return new JsonObjectBody(StrictJson.fields(object, names));
    }

    public String string(String name) {
        return StrictJson.string(name, fields.get(name));
    }

    public Boolean bool(String name) {
        return StrictJson.bool(name, fields.get(name));
    }

    public Long int64(String name) {
        return StrictJson.int64(name, fields.get(name));
    }

}
