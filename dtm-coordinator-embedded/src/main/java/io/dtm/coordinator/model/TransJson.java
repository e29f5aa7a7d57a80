package io.dtm.coordinator.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The coordinator's own JSON settings and the JSON shapes of dtm's protocol. The coordinator never uses the
 * host application's Jackson configuration, so embedding it changes nothing for the application.
 */
public final class TransJson {

    /** dtm's Go decoder matches field names case-insensitively and ignores unknown fields; so do we. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

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

    /** The {@code options} column: dtm's TransOptions JSON, zero values omitted except {@code concurrent}. */
    public static String optionsToJson(TransOptions options) {
        Map<String, Object> map = new LinkedHashMap<>();
        putIfSet(map, "wait_result", options.isWaitResult());
        putIfSet(map, "timeout_to_fail", options.getTimeoutToFail());
        putIfSet(map, "request_timeout", options.getRequestTimeout());
        putIfSet(map, "retry_interval", options.getRetryInterval());
        if (!options.getBranchHeaders().isEmpty()) {
            map.put("branch_headers", options.getBranchHeaders());
        }
        map.put("concurrent", options.isConcurrent());
        putIfSet(map, "retry_limit", options.getRetryLimit());
        putIfSet(map, "retry_count", options.getRetryCount());
        return write(map);
    }

    public static TransOptions optionsFromJson(String json) {
        if (json == null || json.isBlank()) {
            return new TransOptions();
        }
        return MAPPER.readValue(json, TransOptions.class);
    }

    /** A global transaction as dtm's {@code query}, {@code all} and {@code prepareWorkflow} return it. */
    public static Map<String, Object> globalToJson(TransGlobal g) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", g.getId());
        map.put("create_time", time(g.getCreateTime()));
        map.put("update_time", time(g.getUpdateTime()));
        putIfSet(map, "gid", g.getGid());
        putIfSet(map, "trans_type", g.getTransType());
        if (!g.getSteps().isEmpty()) {
            map.put("steps", g.getSteps());
        }
        if (!g.getPayloads().isEmpty()) {
            map.put("payloads", g.getPayloads());
        }
        putIfSet(map, "status", g.getStatus());
        putIfSet(map, "query_prepared", g.getQueryPrepared());
        putIfSet(map, "protocol", g.getProtocol());
        putIfSet(map, "finish_time", time(g.getFinishTime()));
        putIfSet(map, "rollback_time", time(g.getRollbackTime()));
        putIfSet(map, "result", g.getResult());
        putIfSet(map, "rollback_reason", g.getRollbackReason());
        map.put("options", optionsToJson(g.getOptions()));
        putIfSet(map, "custom_data", g.getCustomData());
        putIfSet(map, "next_cron_interval", g.getNextCronInterval());
        putIfSet(map, "next_cron_time", time(g.getNextCronTime()));
        putIfSet(map, "owner", g.getOwner());
        putIfSet(map, "ext_data", g.getExtData());
        TransOptions o = g.getOptions();
        putIfSet(map, "wait_result", o.isWaitResult());
        putIfSet(map, "timeout_to_fail", o.getTimeoutToFail());
        putIfSet(map, "request_timeout", o.getRequestTimeout());
        putIfSet(map, "retry_interval", o.getRetryInterval());
        if (!o.getBranchHeaders().isEmpty()) {
            map.put("branch_headers", o.getBranchHeaders());
        }
        map.put("concurrent", o.isConcurrent());
        putIfSet(map, "retry_limit", o.getRetryLimit());
        putIfSet(map, "retry_count", o.getRetryCount());
        return map;
    }

    /** A branch as dtm returns it: {@code bin_data} in standard base64. */
    public static Map<String, Object> branchToJson(TransBranch b) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", b.getId());
        map.put("create_time", time(b.getCreateTime()));
        map.put("update_time", time(b.getUpdateTime()));
        putIfSet(map, "gid", b.getGid());
        putIfSet(map, "url", b.getUrl());
        if (b.getBinData().length > 0) {
            map.put("bin_data", Base64.getEncoder().encodeToString(b.getBinData()));
        }
        putIfSet(map, "branch_id", b.getBranchId());
        putIfSet(map, "op", b.getOp());
        putIfSet(map, "status", b.getStatus());
        putIfSet(map, "finish_time", time(b.getFinishTime()));
        putIfSet(map, "rollback_time", time(b.getRollbackTime()));
        return map;
    }

    /** Reads back what {@link #globalToJson} wrote (used by stores that keep whole documents). */
    @SuppressWarnings("unchecked")
    public static TransGlobal globalFromJson(String json) {
        Map<String, Object> m = readObject(json);
        TransGlobal g = new TransGlobal();
        g.setId(m.get("id") == null ? null : ((Number) m.get("id")).longValue());
        g.setCreateTime(parseTime(m.get("create_time")));
        g.setUpdateTime(parseTime(m.get("update_time")));
        g.setGid((String) m.get("gid"));
        g.setTransType((String) m.get("trans_type"));
        g.setSteps((List<Map<String, String>>) m.get("steps"));
        g.setPayloads((List<String>) m.get("payloads"));
        g.setStatus((String) m.get("status"));
        g.setQueryPrepared((String) m.get("query_prepared"));
        g.setProtocol((String) m.get("protocol"));
        g.setFinishTime(parseTime(m.get("finish_time")));
        g.setRollbackTime(parseTime(m.get("rollback_time")));
        g.setResult((String) m.get("result"));
        g.setRollbackReason((String) m.get("rollback_reason"));
        g.setOptions(optionsFromJson((String) m.get("options")));
        g.setCustomData((String) m.get("custom_data"));
        g.setNextCronInterval(m.get("next_cron_interval") == null ? 0 : ((Number) m.get("next_cron_interval")).longValue());
        g.setNextCronTime(parseTime(m.get("next_cron_time")));
        g.setOwner((String) m.get("owner"));
        g.setExtData((String) m.get("ext_data"));
        return g;
    }

    public static TransBranch branchFromJson(String json) {
        Map<String, Object> m = readObject(json);
        TransBranch b = new TransBranch();
        b.setId(m.get("id") == null ? null : ((Number) m.get("id")).longValue());
        b.setCreateTime(parseTime(m.get("create_time")));
        b.setUpdateTime(parseTime(m.get("update_time")));
        b.setGid((String) m.get("gid"));
        b.setUrl((String) m.get("url"));
        b.setBinData(m.get("bin_data") == null ? null : Base64.getDecoder().decode((String) m.get("bin_data")));
        b.setBranchId((String) m.get("branch_id"));
        b.setOp((String) m.get("op"));
        b.setStatus((String) m.get("status"));
        b.setFinishTime(parseTime(m.get("finish_time")));
        b.setRollbackTime(parseTime(m.get("rollback_time")));
        return b;
    }

    /** Go's RFC 3339 with the local offset, whole seconds. */
    public static String time(Instant instant) {
        if (instant == null) {
            return null;
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault()));
    }

    private static Instant parseTime(Object value) {
        return value == null ? null : OffsetDateTime.parse((String) value).toInstant();
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value == null || value instanceof String s && s.isEmpty() || value instanceof Boolean b && !b
                || value instanceof Number n && n.longValue() == 0) {
            return;
        }
        map.put(key, value);
    }
}
