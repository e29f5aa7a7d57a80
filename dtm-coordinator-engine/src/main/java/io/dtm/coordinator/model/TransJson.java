package io.dtm.coordinator.model;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.dtm.protocol.TransOptions;
import io.dtm.protocol.WireJson;

/**
 * The coordinator's own JSON settings: dtm's (see {@link WireJson}). The coordinator
 * never uses the host application's Jackson configuration, so embedding it changes
 * nothing for the application. The shapes of transactions, branches and KV rows are those
 * of their classes in {@code io.dtm.protocol}.
 */
public final class TransJson {

    /**
     * dtm's Go decoder matches field names case-insensitively and ignores unknown fields;
     * so do we.
     */
    public static final JsonMapper MAPPER = WireJson.MAPPER;

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {
    };

    private TransJson() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static Map<String, Object> readObject(String json) {
        return MAPPER.readValue(json, OBJECT_MAP);
    }

    /**
     * The {@code options} column: dtm's TransOptions JSON, zero values omitted except
     * {@code concurrent}.
     */
    public static String optionsToJson(TransOptions options) {
        return options.toJson();
    }

    public static TransOptions optionsFromJson(String json) {
        return TransOptions.fromJson(json);
    }

}
