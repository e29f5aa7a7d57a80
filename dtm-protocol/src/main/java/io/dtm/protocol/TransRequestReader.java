package io.dtm.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the trans body of prepare, submit, abort and prepareWorkflow with dtm's Go types
 * (see {@link StrictJson}): the one definition of which fields a {@link TransRequest} has
 * on the wire and how each is read.
 */
public final class TransRequestReader {

    /**
     * The trans body's fields, as dtm's TransBase and TransOptions name them; any other
     * field is ignored, as dtm does.
     */
    public static final List<String> FIELDS = List.of("gid", "trans_type", "steps", "payloads", "query_prepared",
            "protocol", "custom_data", "rollback_reason", "wait_result", "timeout_to_fail", "request_timeout",
            "retry_interval", "retry_limit", "retry_count", "branch_headers", "concurrent", "req_extra");

    private TransRequestReader() {
    }

    /**
     * The request in {@code root}, which must be a JSON object.
     * @throws WireFormatException naming the field and the rule it breaks
     */
    public static TransRequest read(JsonNode root) {
        JsonNode object = StrictJson.object(root, "request body");
        Map<String, JsonNode> f = StrictJson.fields(object, FIELDS);
        TransRequest request = new TransRequest();
        request.setGid(StrictJson.string("gid", f.get("gid")));
        request.setTransType(transType(StrictJson.string("trans_type", f.get("trans_type"))));
        request.setSteps(steps(f.get("steps")));
        request.setPayloads(StrictJson.stringList("payloads", f.get("payloads")));
        request.setQueryPrepared(StrictJson.string("query_prepared", f.get("query_prepared")));
        request.setProtocol(StrictJson.string("protocol", f.get("protocol")));
        request.setCustomData(StrictJson.string("custom_data", f.get("custom_data")));
        request.setRollbackReason(StrictJson.string("rollback_reason", f.get("rollback_reason")));
        request.setWaitResult(StrictJson.bool("wait_result", f.get("wait_result")));
        request.setTimeoutToFail(StrictJson.int64("timeout_to_fail", f.get("timeout_to_fail")));
        request.setRequestTimeout(StrictJson.int64("request_timeout", f.get("request_timeout")));
        request.setRetryInterval(StrictJson.int64("retry_interval", f.get("retry_interval")));
        request.setRetryLimit(StrictJson.int64("retry_limit", f.get("retry_limit")));
        request.setRetryCount(StrictJson.int64("retry_count", f.get("retry_count")));
        request.setBranchHeaders(StrictJson.stringMap("branch_headers", f.get("branch_headers")));
        request.setConcurrent(Boolean.TRUE.equals(StrictJson.bool("concurrent", f.get("concurrent"))));
        request.setReqExtra(StrictJson.stringMap("req_extra", f.get("req_extra")));
        return request;
    }

    /**
     * One of dtm's types; absent or blank is left to the caller, which names it as
     * required.
     */
    static @Nullable TransType transType(@Nullable String word) {
        if (word == null || word.isBlank()) {
            return null;
        }
        return TransType.find(word)
            .orElseThrow(() -> new WireFormatException(
                    "unknown trans_type '" + ((word.length() > 60) ? word.substring(0, 60) + "..." : word)
                            + "': use one of saga, tcc, xa, msg, workflow"));
    }

    private static @Nullable List<Map<String, String>> steps(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw StrictJson.typeError("steps", "an array of objects of URLs", value);
        }
        List<Map<String, String>> steps = new ArrayList<>(value.size());
        int i = 0;
        for (JsonNode step : value.values()) {
            steps.add(StrictJson.stringMap("steps[" + i++ + "]", step));
        }
        return steps;
    }

}
