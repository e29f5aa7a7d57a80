package io.dtm.samples.transfer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dtm.samples.bank.CallLog;

/** Formats sample transfers for a person to read. */
public final class TransferReport {

    private TransferReport() {
    }

    /** The title of a run, e.g. {@code saga, TransIn forced to FAILURE}. */
    public static String title(TransferResult result) {
        if (result.skipped()) {
            return result.mode().label();
        }
        String run = !result.forcedFailure() ? "success" : (result.mode() == Mode.MSG)
                ? "TransOut (local transaction) forced to FAILURE" : "TransIn forced to FAILURE";
        return result.mode().label() + ", " + run;
    }

    /**
     * One transfer: the calls in order, the final status and the balances before and
     * after.
     */
    public static String describe(TransferResult result, long amount) {
        StringBuilder out = new StringBuilder();
        out.append("== ").append(title(result)).append(" ==");
        if (result.skipped()) {
            return out.append(System.lineSeparator())
                .append("   ")
                .append(result.note())
                .append(System.lineSeparator())
                .toString();
        }
        out.append("   gid ").append(result.gid()).append(System.lineSeparator());
        line(out, result.mode().description());
        line(out, "balances before: " + balances(result.before()));
        Map<String, String> branchNames = new HashMap<>();
        int index = 1;
        for (CallLog.Call call : result.calls()) {
            if (!call.name().startsWith("XA ")) {
                branchNames.putIfAbsent(call.branchId(), call.name());
            }
            String name = call.name();
            if (call.name().startsWith("XA ") && branchNames.containsKey(call.branchId())) {
                name = call.name() + " " + branchNames.get(call.branchId());
            }
            line(out, String.format("%2d. %-22s %s", index++, name, outcome(call)));
        }
        if (result.calls().isEmpty()) {
            line(out, "(no branch was called)");
        }
        if (result.initiatorError() != null) {
            // the query string (dtm's gid, trans_type, branch_id, op, dtm) makes URLs
            // hard to read
            line(out, "the initiator got: " + result.initiatorError().replaceAll("\\?\\S*?(?=: )", ""));
        }
        if (TransferResult.NEVER_SENT.equals(result.status())) {
            line(out, "final status: none: the local transaction rolled back, so the message was never prepared"
                    + " and TransIn never called");
        }
        else {
            line(out, "final status: " + result.status());
        }
        String expected = result.forcedFailure() ? "expected: unchanged" : "expected: " + amount + " moved";
        line(out, "balances after:  " + balances(result.after()) + "   (" + expected + ") "
                + (result.asExpected(amount) ? "OK" : "NOT AS EXPECTED"));
        return out.toString();
    }

    /** One line per transfer. */
    public static String summary(List<TransferResult> results, long amount) {
        StringBuilder out = new StringBuilder("Summary").append(System.lineSeparator());
        for (TransferResult result : results) {
            String run = result.forcedFailure() ? "forced FAILURE" : "success";
            if (result.skipped()) {
                line(out, String.format("%-9s %-15s skipped: needs MariaDB/MySQL or PostgreSQL", result.mode().label(),
                        "both runs"));
                continue;
            }
            line(out, String.format("%-9s %-15s %-10s %s   %s", result.mode().label(), run, result.status(),
                    balances(result.after()), result.asExpected(amount) ? "as expected" : "NOT AS EXPECTED"));
        }
        return out.toString();
    }

    static String outcome(CallLog.Call call) {
        String code = call.completed() ? String.valueOf(call.status()) : "...";
        if (!call.completed()) {
            return code + " no reply yet";
        }
        if (call.status() == 200) {
            if (call.ran() || call.name().startsWith("XA ")) {
                return code + " ok";
            }
            if (call.name().endsWith("Revert") || call.name().endsWith("Cancel")) {
                return code + " no-op: the barrier saw that its action never committed";
            }
            return code + " no-op: the barrier saw a repeat";
        }
        if (call.status() == 409) {
            return code + " FAILURE" + (call.message().isEmpty() ? "" : ": " + call.message());
        }
        if (call.status() == 425) {
            return code + " ONGOING (the coordinator retries)";
        }
        return code + " error (the coordinator retries)";
    }

    static String balances(Map<Integer, Long> balances) {
        StringBuilder out = new StringBuilder();
        balances.forEach((account, balance) -> {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(String.format("account %d = %5d", account, balance));
        });
        return out.toString();
    }

    private static void line(StringBuilder out, String text) {
        out.append("   ").append(text).append(System.lineSeparator());
    }

}
