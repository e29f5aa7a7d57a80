package io.dtm.coordinator.engine.run;

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

    /**
     * How many times the retry interval was doubled since it was last reset: dtm reads
     * this from the interval itself, which stops growing at the cap.
     */
    static final String BACKOFF_ROUNDS = "backoff_rounds";

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

    /**
     * Counts one more doubling and returns the count; a transaction without a count
     * starts from what its interval shows ({@code interval} before this doubling, as a
     * multiple of {@code base}).
     */
    static long backedOff(TransGlobal g, long interval, long base) {
        Map<String, Object> ext = read(g);
        long rounds;
        if (ext.get(BACKOFF_ROUNDS) instanceof Number n) {
            rounds = n.longValue() + 1;
        }
        else {
            long ratio = base <= 0 ? 0 : interval / base;
            rounds = (ratio <= 0 ? 0 : 63 - Long.numberOfLeadingZeros(ratio)) + 1;
        }
        ext.put(BACKOFF_ROUNDS, rounds);
        g.setExtData(TransJson.write(ext));
        return rounds;
    }

    static boolean hasBackoffRounds(TransGlobal g) {
        String json = g.getExtData();
        return json != null && json.contains("\"" + BACKOFF_ROUNDS + "\"");
    }

    static void backoffReset(TransGlobal g) {
        if (!hasBackoffRounds(g)) {
            return;
        }
        Map<String, Object> ext = read(g);
        ext.remove(BACKOFF_ROUNDS);
        g.setExtData(TransJson.write(ext));
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
