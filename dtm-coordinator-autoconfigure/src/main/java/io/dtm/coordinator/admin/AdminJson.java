package io.dtm.coordinator.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.dtm.coordinator.engine.run.TransMarks;
import io.dtm.protocol.TraceParent;
import io.dtm.coordinator.api.ApiErrors;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.TransOptions;
import io.dtm.protocol.BranchOp;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the admin endpoints. Times are ISO-8601 instants in UTC; text that
 * came from branches or the engine passes {@link ApiErrors#safe}, so no reply carries a
 * Java class name.
 */
final class AdminJson {

    /**
     * Branch operations in the order a transaction runs them: forward operations first,
     * then the undoing ones.
     */
    private static final List<String> OP_ORDER = Stream
        .of(BranchOp.ACTION, BranchOp.MSG, BranchOp.TRY, BranchOp.CONFIRM, BranchOp.COMMIT, BranchOp.COMPENSATE,
                BranchOp.CANCEL, BranchOp.ROLLBACK)
        .map(BranchOp::wireName)
        .toList();

    private static final int SUMMARY_REASON = 200;

    private AdminJson() {
    }

    static Map<String, Object> summary(TransGlobal g) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gid", g.getGid());
        map.put("trans_type", g.getTransType());
        map.put("status", g.getStatus());
        map.put("create_time", time(g.getCreateTime()));
        map.put("update_time", time(g.getUpdateTime()));
        map.put("finish_time", time(g.getFinishTime()));
        map.put("next_cron_time", time(g.getNextCronTime()));
        String reason = safe(g.getRollbackReason());
        map.put("rollback_reason",
                reason.length() > SUMMARY_REASON ? reason.substring(0, SUMMARY_REASON) + "..." : reason);
        putMarks(map, TransMarks.read(g));
        return map;
    }

    /**
     * The engine's notes: the last failed branch call with since when calls have been
     * failing, and the force-stop time.
     */
    private static void putMarks(Map<String, Object> map, Map<String, Object> ext) {
        Map<String, Object> error = null;
        if (ext.get(TransMarks.BRANCH_ERROR) instanceof Map<?, ?> stored) {
            error = new LinkedHashMap<>();
            for (String key : List.of("branch_id", "op", "url", "time")) {
                error.put(key, stored.get(key) instanceof String s ? s : null);
            }
            error.put("message", stored.get("message") instanceof String s ? safe(s) : "");
            error.put("failing_since", ext.get(TransMarks.FAILING_SINCE) instanceof String s ? s : null);
        }
        map.put("branch_error", error);
        map.put("force_stopped_time", ext.get(TransMarks.FORCE_STOPPED) instanceof String s ? s : null);
    }

    static Map<String, Object> detail(TransGlobal g, Duration defaultRetryInterval) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gid", g.getGid());
        map.put("trans_type", g.getTransType());
        map.put("status", g.getStatus());
        map.put("protocol", g.getProtocol());
        map.put("create_time", time(g.getCreateTime()));
        map.put("update_time", time(g.getUpdateTime()));
        map.put("finish_time", time(g.getFinishTime()));
        map.put("rollback_time", time(g.getRollbackTime()));
        map.put("next_cron_time", time(g.getNextCronTime()));
        map.put("next_cron_interval", g.getNextCronInterval());
        TransOptions o = g.getOptions() == null ? new TransOptions() : g.getOptions();
        map.put("retry_interval", o.getRetryInterval() > 0 ? o.getRetryInterval() : defaultRetryInterval.toSeconds());
        map.put("retry_interval_is_default", o.getRetryInterval() <= 0);
        map.put("timeout_to_fail", o.getTimeoutToFail());
        map.put("request_timeout", o.getRequestTimeout());
        map.put("retry_limit", o.getRetryLimit());
        map.put("retry_count", o.getRetryCount());
        map.put("concurrent", o.isConcurrent());
        map.put("wait_result", o.isWaitResult());
        map.put("rollback_reason", safe(g.getRollbackReason()));
        map.put("result", safe(g.getResult()));
        map.put("query_prepared", g.getQueryPrepared());
        map.put("custom_data", g.getCustomData());
        map.put("owner", g.getOwner());
        Map<String, Object> ext = extData(g.getExtData());
        putMarks(map, ext);
        map.put("last_error", ext.get("last_error") instanceof String s ? safe(s) : null);
        map.put("last_error_time", ext.get("last_error_time") instanceof String s ? s : null);
        map.put("error_passes", ext.get("error_passes") instanceof Number n ? n.longValue() : null);
        map.put("trace_id", traceId(ext));
        return map;
    }

    /**
     * Branches by branch id, then operation in running order, each with how long it took
     * to reach its status.
     */
    static List<Map<String, Object>> branches(List<TransBranch> branches) {
        return branches.stream()
            .sorted(Comparator.comparing(TransBranch::getBranchId, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(b -> opRank(b.getOp()))
                .thenComparing(TransBranch::getOp, Comparator.nullsFirst(Comparator.naturalOrder())))
            .map(AdminJson::branch)
            .toList();
    }

    private static Map<String, Object> branch(TransBranch b) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("branch_id", b.getBranchId());
        map.put("op", b.getOp());
        map.put("status", b.getStatus());
        map.put("url", b.getUrl());
        map.put("create_time", time(b.getCreateTime()));
        map.put("update_time", time(b.getUpdateTime()));
        map.put("finish_time", time(b.getFinishTime()));
        Instant end = b.getFinishTime() != null ? b.getFinishTime() : b.getUpdateTime();
        map.put("duration_ms", b.getCreateTime() == null || end == null ? null
                : Math.max(0, Duration.between(b.getCreateTime(), end).toMillis()));
        return map;
    }

    /**
     * The calls this replica saw, oldest first, each numbered among the attempts of its
     * branch and operation.
     */
    static List<Map<String, Object>> calls(List<RecentBranchCalls.Record> calls) {
        Map<String, Integer> attempts = new HashMap<>();
        return calls.stream().map(c -> {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("branch_id", c.branchId());
            map.put("op", c.op());
            map.put("attempt", attempts.merge(c.branchId() + "\u0000" + c.op(), 1, Integer::sum));
            map.put("url", c.url());
            map.put("start_time", time(c.startTime()));
            map.put("duration_ms", c.durationMillis());
            map.put("result", c.result() == null ? null : c.result().name().toLowerCase(Locale.ROOT));
            map.put("http_status", c.httpStatus() == 0 ? null : c.httpStatus());
            map.put("message", c.message() == null ? null : safe(c.message()));
            return map;
        }).toList();
    }

    static Map<String, Object> replica(ReplicaInfo r, boolean self) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", r.id());
        map.put("host", r.host());
        map.put("port", r.port());
        map.put("version", r.version());
        map.put("started", time(r.started()));
        map.put("last_seen", time(r.lastSeen()));
        map.put("heartbeat_interval_ms", r.heartbeatInterval().toMillis());
        map.put("self", self);
        return map;
    }

    static @Nullable String time(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static int opRank(String op) {
        int i = OP_ORDER.indexOf(op);
        return i < 0 ? OP_ORDER.size() : i;
    }

    private static String safe(@Nullable String text) {
        return text == null ? "" : ApiErrors.safe(text);
    }

    /**
     * The initiator's trace id: from {@code trace_parent}, which the coordinator keeps,
     * else a {@code trace_id}.
     */
    private static @Nullable String traceId(Map<String, Object> ext) {
        TraceParent trace = ext.get(TraceParent.EXT_DATA_KEY) instanceof String s ? TraceParent.parse(s) : null;
        if (trace != null) {
            return trace.traceId();
        }
        return ext.get("trace_id") instanceof String s && !s.isEmpty() ? s : null;
    }

    private static Map<String, Object> extData(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = TransJson.readObject(json);
            return map == null ? Map.of() : map;
        }
        catch (RuntimeException ex) {
            return Map.of();
        }
    }

}
