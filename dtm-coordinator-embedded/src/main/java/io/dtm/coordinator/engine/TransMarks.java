package io.dtm.coordinator.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.WireTime;

/**
 * What the engine notes on a transaction in its ext_data for operators, each bounded: the
 * last failed branch call (kept until that branch and operation succeed), since when its
 * branch calls have been failing, and that it was force-stopped. The notes travel with
 * the writes the engine makes anyway, under the pass's hold.
 */
public final class TransMarks {

    /** The last failed branch call: branch_id, op, url, message, time. */
    public static final String BRANCH_ERROR = "branch_error";

    /** When the first of the failed branch calls since the last success was made. */
    public static final String FAILING_SINCE = "failing_since";

    /** When forceStop marked the transaction failed: nothing was compensated. */
    public static final String FORCE_STOPPED = "force_stopped_time";

    static final int MAX_MESSAGE = 256;

    static final int MAX_URL = 512;

    private TransMarks() {
    }

    /** The ext_data of {@code g} as a map; empty when absent or unreadable. */
    public static Map<String, Object> read(TransGlobal g) {
        String json = g.getExtData();
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> map = TransJson.readObject(json);
            return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
        }
        catch (RuntimeException ex) {
            return new LinkedHashMap<>();
        }
    }

    static void branchFailed(TransGlobal g, String branchId, String op, String url, String message, Instant now) {
        Map<String, Object> ext = read(g);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("branch_id", branchId);
        error.put("op", op);
        error.put("url", truncate(url, MAX_URL));
        error.put("message", truncate(message, MAX_MESSAGE));
        error.put("time", WireTime.format(now));
        ext.put(BRANCH_ERROR, error);
        ext.putIfAbsent(FAILING_SINCE, WireTime.format(now));
        g.setExtData(TransJson.write(ext));
    }

    /** Clears the error once the branch and operation that failed succeed. */
    static void branchSucceeded(TransGlobal g, String branchId, String op) {
        String json = g.getExtData();
        if (json == null || !json.contains("\"" + BRANCH_ERROR + "\"")) {
            return;
        }
        Map<String, Object> ext = read(g);
        if (ext.get(BRANCH_ERROR) instanceof Map<?, ?> error && String.valueOf(error.get("branch_id")).equals(branchId)
                && String.valueOf(error.get("op")).equals(op)) {
            ext.remove(BRANCH_ERROR);
            ext.remove(FAILING_SINCE);
            g.setExtData(TransJson.write(ext));
        }
    }

    static void forceStopped(TransGlobal g, Instant now) {
        Map<String, Object> ext = read(g);
        ext.put(FORCE_STOPPED, WireTime.format(now));
        g.setExtData(TransJson.write(ext));
    }

    private static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

}
