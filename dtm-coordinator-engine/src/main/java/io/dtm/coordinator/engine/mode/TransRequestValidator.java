package io.dtm.coordinator.engine.mode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.call.BranchHeaders;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransProtocol;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.protocol.WireLimits;

/**
 * Checks a request against the protocol, the storage schema's sizes and the engine's
 * arithmetic before anything is stored, so a bad request changes nothing and its error
 * names the field and the rule. Whatever passes here can be processed: no value leads to
 * an overflow, an unparsable custom_data or an uncallable URL on a later pass.
 */
public final class TransRequestValidator {

    public static final int MAX_GID = WireLimits.MAX_GID_LENGTH;

    public static final int MAX_TEXT = WireLimits.MAX_TEXT_LENGTH;

    public static final int MAX_BRANCH_ID = WireLimits.MAX_BRANCH_ID_LENGTH;

    public static final int MAX_OP = WireLimits.MAX_OP_LENGTH;

    public static final int MAX_PAYLOAD_BYTES = WireLimits.MAX_PAYLOAD_BYTES;

    /**
     * Ten years: the longest {@code timeout_to_fail} and msg {@code delay}.
     * {@code create_time} plus it stays far inside every store's time columns (year 9999)
     * and {@code Instant} arithmetic.
     */
    public static final long MAX_TIMEOUT_SECONDS = 10L * 365 * 24 * 3600;

    /**
     * Seven days: the longest {@code retry_interval}; {@code next_cron_interval} is an
     * INT column.
     */
    public static final long MAX_RETRY_INTERVAL_SECONDS = 7 * 24 * 3600;

    /**
     * The longest {@code request_timeout} of a branch call: a pass holds its transaction
     * for about twice that.
     */
    public static final long MAX_REQUEST_TIMEOUT_SECONDS = EngineSettings.MAX_REQUEST_TIMEOUT.toSeconds();

    /**
     * The most immediate in-round retries of a saga action ({@code retry_limit},
     * {@code retry_count}).
     */
    public static final long MAX_RETRY_LIMIT = 10_000;

    /**
     * Headers a branch call sets itself; overriding them would break the call's framing.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-length", "transfer-encoding", "host",
            "connection", "content-type");

    private static final String TRANS_TYPE_REQUIRED = "trans_type is required: one of saga, tcc, xa, msg, workflow";

    private TransRequestValidator() {
    }

    public static void requireGid(String gid) {
        if (gid == null || gid.isBlank()) {
            throw new InvalidRequestException("gid is required: send the gid from newGid or one of your own");
        }
        maxLength("gid", gid, MAX_GID);
    }

    public static void requireTransType(String transType) {
        if (transType == null || transType.isBlank()) {
            throw new InvalidRequestException(TRANS_TYPE_REQUIRED);
        }
        if (TransType.find(transType).isEmpty()) {
            throw new InvalidRequestException(
                    "unknown trans_type '" + shorten(transType) + "': use one of saga, tcc, xa, msg, workflow");
        }
    }

    public static void validate(TransRequest r) {
        validate(r, Set.of());
    }

    /**
     * @param serviceSchemes the schemes of the service URLs the coordinator resolves
     * ({@link io.dtm.coordinator.engine.call.ServiceUrlResolver#schemes()})
     */
    public static void validate(TransRequest r, Set<String> serviceSchemes) {
        requireGid(r.getGid());
        if (r.getTransType() == null) {
            throw new InvalidRequestException(TRANS_TYPE_REQUIRED);
        }
        String protocol = r.getProtocol() == null ? "" : r.getProtocol();
        if (!protocol.isEmpty() && TransProtocol.find(protocol).isEmpty()) {
            throw new InvalidRequestException(
                    "protocol '" + shorten(protocol) + "' is not supported: use http (the default) or json-rpc");
        }
        maxLength("query_prepared", r.getQueryPrepared(), MAX_TEXT);
        requireUrl("query_prepared", r.getQueryPrepared(), false, serviceSchemes);
        BranchHeaders.validate(r.getBranchHeaders());
        maxLength("custom_data", r.getCustomData(), MAX_TEXT);
        maxLength("rollback_reason", r.getRollbackReason(), MAX_TEXT);
        inRange("timeout_to_fail", r.getTimeoutToFail(), MAX_TIMEOUT_SECONDS, "seconds (10 years)");
        inRange("request_timeout", r.getRequestTimeout(), MAX_REQUEST_TIMEOUT_SECONDS, "seconds (5 minutes)");
        inRange("retry_interval", r.getRetryInterval(), MAX_RETRY_INTERVAL_SECONDS, "seconds (7 days)");
        inRange("retry_limit", r.getRetryLimit(), MAX_RETRY_LIMIT, "retries");
        inRange("retry_count", r.getRetryCount(), MAX_RETRY_LIMIT, "retries");
        validateBranchHeaders(r.getBranchHeaders());
        if (r.getReqExtra() != null) {
            r.getReqExtra().forEach((k, v) -> maxLength("req_extra." + k, v, MAX_TEXT));
        }
        validateSteps(r, serviceSchemes);
        validateCustomData(r);
    }

    public static void validateSubmitExtra(TransRequest r) {
        Map<String, String> extra = r.getReqExtra() == null ? Map.of() : r.getReqExtra();
        String status = extra.get("status");
        if (!TransStatus.SUCCEED.is(status) && !TransStatus.FAILED.is(status)) {
            throw new InvalidRequestException("a workflow submit needs req_extra.status 'succeed' or 'failed', got '"
                    + shorten(String.valueOf(status)) + "'");
        }
        maxLength("req_extra.rollback_reason", extra.get("rollback_reason"), MAX_TEXT);
        maxLength("req_extra.result", extra.get("result"), MAX_TEXT);
    }

    /** The text fields of a registerBranch body: sizes, no NUL, callable URLs. */
    public static void validateBranch(Map<String, String> body) {
        validateBranch(body, Set.of());
    }

    /**
     * As {@link #validateBranch(Map)}, service URLs of {@code serviceSchemes} allowed.
     */
    public static void validateBranch(Map<String, String> body, Set<String> serviceSchemes) {
        for (String key : List.of("gid", "trans_type", "branch_id", "op", "status")) {
            maxLength(key, body.get(key), key.equals("gid") || key.equals("branch_id") ? MAX_GID : MAX_OP);
        }
        for (String key : List.of("url", "confirm", "cancel")) {
            maxLength(key, body.get(key), MAX_TEXT);
            requireUrl(key, body.get(key), false, serviceSchemes);
        }
    }

    /**
     * A branch joins the transaction it names as that transaction is stored: same
     * trans_type, and for json-rpc a body the branch call can send as params. An unknown
     * gid is left to the store's check (409, as dtm).
     */
    public static void validateBranchFor(TransGlobal stored, String transType, String data) {
        if (stored == null) {
            return;
        }
        if (!stored.getTransType().is(transType)) {
            throw new InvalidRequestException("trans_type '" + shorten(transType) + "' does not match the "
                    + "transaction: gid " + stored.getGid() + " is a " + stored.getTransType() + " transaction");
        }
        if (TransProtocol.JSON_RPC.is(stored.getProtocol())) {
            requireJsonObjectBody("data", data);
        }
    }

    private static void validateSteps(TransRequest r, Set<String> serviceSchemes) {
        List<Map<String, String>> steps = r.getSteps() == null ? List.of() : r.getSteps();
        List<String> payloads = r.getPayloads() == null ? List.of() : r.getPayloads();
        if (!payloads.isEmpty() && payloads.size() != steps.size()) {
            throw new InvalidRequestException("payloads has " + payloads.size() + " entries but steps has "
                    + steps.size() + ": send one payload per step");
        }
        boolean msg = r.getTransType() == TransType.MSG;
        for (int i = 0; i < steps.size(); i++) {
            Map<String, String> step = steps.get(i);
            if (step == null) {
                throw new InvalidRequestException("steps[" + i + "] is null: each step is an object of URLs");
            }
            for (Map.Entry<String, String> e : step.entrySet()) {
                if ("data".equals(e.getKey())) {
                    if (e.getValue() != null
                            && e.getValue().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                        throw new InvalidRequestException(
                                "steps[" + i + "].data is larger than " + MAX_PAYLOAD_BYTES + " bytes");
                    }
                    continue;
                }
                maxLength("steps[" + i + "]." + shorten(e.getKey()), e.getValue(), MAX_TEXT);
            }
            if (r.getTransType() == TransType.SAGA || msg) {
                if (!step.containsKey(BranchOp.ACTION.wireName())) {
                    throw new InvalidRequestException("steps[" + i + "] has no action URL");
                }
                requireUrl("steps[" + i + "].action", step.get(BranchOp.ACTION.wireName()), msg, serviceSchemes);
                requireUrl("steps[" + i + "].compensate", step.get(BranchOp.COMPENSATE.wireName()), false,
                        serviceSchemes);
            }
            if (i < payloads.size() && payloads.get(i) != null
                    && payloads.get(i).getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                throw new InvalidRequestException("payloads[" + i + "] is larger than " + MAX_PAYLOAD_BYTES
                        + " bytes: keep branch payloads small and pass references to large data");
            }
            if (TransProtocol.JSON_RPC.is(r.getProtocol())) {
                String payload = i < payloads.size() && payloads.get(i) != null ? payloads.get(i) : "";
                String data = step.get("data") == null ? "" : step.get("data");
                requireJsonObjectBody("payloads[" + i + "]", payload + data);
            }
        }
    }

    private static void validateCustomData(TransRequest r) {
        String custom = r.getCustomData();
        if (custom == null || custom.isBlank()) {
            return;
        }
        JsonNode data;
        try {
            data = TransJson.MAPPER.readTree(custom);
        }
        catch (JacksonException ex) {
            throw new InvalidRequestException("custom_data is not valid JSON: " + parseProblem(ex));
        }
        if (data == null || !data.isObject()) {
            throw new InvalidRequestException("custom_data must be a JSON object for trans_type " + r.getTransType());
        }
        switch (r.getTransType()) {
            case SAGA -> SagaProcessor.validateCustomData(data, r);
            case MSG -> MsgProcessor.validateCustomData(data);
            case WORKFLOW -> WorkflowProcessor.validateCustomData(data);
            default -> {
                // tcc and xa do not read custom_data; it only has to be a JSON object
            }
        }
    }

    /**
     * The fields the engine reads, under their exact names. Go would also take
     * {@code "Concurrent"}; the engine would not, so such a spelling is refused rather
     * than silently ignored.
     */
    static Map<String, JsonNode> customFields(JsonNode data, String... names) {
        Map<String, JsonNode> found = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            for (String name : names) {
                if (name.equals(e.getKey())) {
                    found.put(name, e.getValue());
                }
                else if (name.equalsIgnoreCase(e.getKey())) {
                    throw new InvalidRequestException(
                            "custom_data has '" + e.getKey() + "': write it as '" + name + "'");
                }
            }
        }
        return found;
    }

    /**
     * {@code {"<step>":[<step>...]}}: 0-based step indexes, each within the steps, no
     * self-reference, no cycle.
     */
    static void validateOrders(JsonNode orders, int steps) {
        if (orders == null || orders.isNull()) {
            return;
        }
        if (!orders.isObject()) {
            throw new InvalidRequestException("custom_data.orders must be an object mapping a step index to the list"
                    + " of step indexes it waits for, e.g. {\"1\":[0]}; got " + kind(orders));
        }
        Map<Integer, List<Integer>> graph = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : orders.properties()) {
            String key = e.getKey();
            String where = "custom_data.orders." + shorten(key);
            int step;
            if (!key.matches("[+-]?[0-9]{1,9}")) {
                throw new InvalidRequestException(where + ": a key must be a step index, e.g. \"1\"");
            }
            step = Integer.parseInt(key);
            requireStep(where, step, steps);
            JsonNode pres = e.getValue();
            if (pres == null || !pres.isArray()) {
                throw new InvalidRequestException(
                        where + " must be an array of step indexes, got " + (pres == null ? "null" : kind(pres)));
            }
            List<Integer> list = new ArrayList<>();
            for (JsonNode pre : pres.values()) {
                if (!pre.isIntegralNumber() || !pre.canConvertToInt()) {
                    throw new InvalidRequestException(where + " must hold integer step indexes, got " + kind(pre));
                }
                requireStep(where, pre.intValue(), steps);
                if (pre.intValue() == step) {
                    throw new InvalidRequestException(where + ": step " + step + " cannot wait for itself");
                }
                list.add(pre.intValue());
            }
            graph.put(step, list);
        }
        requireAcyclic(graph);
    }

    private static void requireStep(String where, int index, int steps) {
        if (index < 0 || index >= steps) {
            throw new InvalidRequestException(where + " refers to step " + index + ", which does not exist; steps are"
                    + " numbered 0.." + (steps - 1));
        }
    }

    /**
     * A cycle in the orders would leave its steps waiting for each other until the saga
     * times out.
     */
    private static void requireAcyclic(Map<Integer, List<Integer>> graph) {
        Map<Integer, Integer> state = new HashMap<>();
        for (Integer start : graph.keySet()) {
            if (state.getOrDefault(start, 0) != 0) {
                continue;
            }
            // iterative DFS: state 1 = on the current path, 2 = done
            List<Integer> stack = new ArrayList<>(List.of(start));
            List<Integer> next = new ArrayList<>(List.of(0));
            state.put(start, 1);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                int node = stack.get(top);
                List<Integer> pres = graph.getOrDefault(node, List.of());
                if (next.get(top) >= pres.size()) {
                    state.put(node, 2);
                    stack.remove(top);
                    next.remove(top);
                    continue;
                }
                int pre = pres.get(next.get(top));
                next.set(top, next.get(top) + 1);
                int s = state.getOrDefault(pre, 0);
                if (s == 1) {
                    throw new InvalidRequestException("custom_data.orders has a cycle through step " + pre
                            + ": the steps would wait for each other forever");
                }
                if (s == 0) {
                    state.put(pre, 1);
                    stack.add(pre);
                    next.add(0);
                }
            }
        }
    }

    private static void validateBranchHeaders(Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        headers.forEach((name, value) -> {
            if (name.isEmpty() || !name.chars().allMatch(TransRequestValidator::isTokenChar)) {
                throw new InvalidRequestException(
                        "branch_headers has the name '" + shorten(name) + "', which is not a valid HTTP header name");
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidRequestException(
                        "branch_headers cannot set " + name + ": the coordinator sets it on each branch call");
            }
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new InvalidRequestException("branch_headers." + name
                        + " holds a control character, which an HTTP header value cannot carry");
            }
        });
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /**
     * A URL the branch caller can call: empty (an instant success, as in dtm), an
     * absolute http(s) URL, a service URL of a scheme the coordinator resolves (its shape
     * is the {@link BranchUrlPolicy}'s to check), or for a msg action
     * {@code topic://name}. Anything else would fail on every retry.
     */
    private static void requireUrl(String field, String url, boolean topicAllowed, Set<String> serviceSchemes) {
        if (url == null || url.isEmpty()) {
            return;
        }
        if (topicAllowed && url.startsWith(TopicSubscribers.TOPIC_PREFIX)) {
            if (url.length() == TopicSubscribers.TOPIC_PREFIX.length()) {
                throw new InvalidRequestException(field + " names no topic: write topic://<name>");
            }
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (serviceSchemes.contains(scheme)) {
                return;
            }
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidRequestException(field + " must be an absolute http or https URL"
                        + serviceSchemesHint(serviceSchemes) + (topicAllowed ? " or topic://<name>" : "")
                        + " (gRPC branches are not served), got '" + shorten(url) + "'"
                        + (serviceSchemes.isEmpty() && uri.getScheme() != null && !scheme.equals("http")
                                && !scheme.equals("https")
                                        ? "; a service URL such as lb://bank/path needs service discovery on the"
                                                + " coordinator (dtm.coordinator.discovery.enabled with a"
                                                + " DiscoveryClient or LoadBalancerClient)"
                                        : ""));
            }
        }
        catch (URISyntaxException ex) {
            throw new InvalidRequestException(field + " is not a valid URL: " + ex.getReason() + " at index "
                    + ex.getIndex() + "; percent-encode special characters");
        }
    }

    private static String serviceSchemesHint(Set<String> serviceSchemes) {
        StringBuilder hint = new StringBuilder();
        serviceSchemes.stream().sorted().forEach((s) -> hint.append(", ").append(s).append("://<service>/<path>"));
        return hint.toString();
    }

    private static void requireJsonObjectBody(String field, String body) {
        if (!isJsonObject(body)) {
            throw new InvalidRequestException(field + " must be a JSON object: json-rpc branches get it as params");
        }
    }

    /**
     * Whether a branch body is acceptable to every protocol: empty or a JSON object.
     */
    /**
     * The URL a registered branch names under {@code key}: present, bounded and allowed
     * by the URL policy.
     */
    static String requireBranchUrl(Map<String, String> body, String key, BranchUrlPolicy urlPolicy) {
        String url = body.get(key);
        if (url == null || url.isEmpty()) {
            throw new InvalidRequestException("a " + body.get("trans_type") + " branch needs a '" + key + "' URL");
        }
        maxLength(key, url, MAX_TEXT);
        urlPolicy.check(key, url);
        return url;
    }

    public static boolean isJsonObject(String body) {
        if (body == null || body.isEmpty()) {
            return true;
        }
        try {
            JsonNode node = TransJson.MAPPER.readTree(body);
            return node != null && node.isObject();
        }
        catch (JacksonException ex) {
            return false;
        }
    }

    public static void maxLength(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new InvalidRequestException(
                    field + " is " + value.length() + " characters long; at most " + max + " are allowed");
        }
        if (value.indexOf('\0') >= 0) {
            throw new InvalidRequestException(field + " contains a NUL character, which the stores cannot keep");
        }
    }

    private static void inRange(String field, Long value, long max, String unit) {
        if (value != null && (value < 0 || value > max)) {
            throw new InvalidRequestException(field + " must be between 0 and " + max + " " + unit + ", got " + value);
        }
    }

    static String kind(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? "the number " + node.asString() : "the fraction " + node.asString();
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }

    private static String parseProblem(JacksonException ex) {
        String text = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        int cut = text.indexOf('\n');
        text = cut >= 0 ? text.substring(0, cut) : text;
        cut = text.indexOf(" (start marker");
        text = cut >= 0 ? text.substring(0, cut) : text;
        text = text.replaceAll("\\s*\\(?(from )?`[^`]*`\\)?", "");
        return text.contains("java.") || text.contains("jackson") ? "not a JSON document" : text;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

}
