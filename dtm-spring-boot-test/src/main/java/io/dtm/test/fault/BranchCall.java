package io.dtm.test.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.dtm.protocol.ReplyOutcome;
import org.jspecify.annotations.Nullable;

/**
 * A call made to a branch, by the coordinator or by the initiator, as the kit recorded
 * it.
 *
 * @param target the call
 * @param fault the fault injected into it, or {@code null}
 * @param outcome how the caller read the reply, by dtm's rules: SUCCESS, FAILURE, ONGOING
 * or RETRYABLE
 * @param message the reply's message (for a retryable reply, its status and body)
 */
public record BranchCall(BranchTarget target, @Nullable Fault fault, ReplyOutcome outcome, String message) {

    public String gid() {
        return this.target.gid();
    }

    /** The last segment of the URL's path, e.g. {@code TransIn}. */
    public String name() {
        return this.target.name();
    }

    public String op() {
        return this.target.op();
    }

    private static final int MAX_DETAIL = 300;

    @Override
    public String toString() {
        return describe(1);
    }

    /**
     * The calls in words, repeats of the same call with the same result collapsed into
     * one line: {@code TransOut -> RETRYABLE ×31: http://localhost:8080/api/TransOut:
     * connection refused}.
     */
    public static List<String> describeAll(List<BranchCall> calls) {
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < calls.size()) {
            BranchCall call = calls.get(i);
            int repeats = 1;
            while (i + repeats < calls.size() && call.sameAs(calls.get(i + repeats))) {
                repeats++;
            }
            lines.add(call.describe(repeats));
            i += repeats;
        }
        return lines;
    }

    private boolean sameAs(BranchCall other) {
        return this.target.equals(other.target) && this.fault == other.fault && this.outcome == other.outcome
                && Objects.equals(this.message, other.message);
    }

    private String describe(int repeats) {
        StringBuilder text = new StringBuilder(this.target.describe()).append(" -> ").append(this.outcome);
        if (repeats > 1) {
            text.append(" \u00d7").append(repeats);
        }
        if (this.fault != null) {
            return text.append(" [").append(this.fault.description()).append(']').toString();
        }
        if (this.outcome != ReplyOutcome.SUCCESS) {
            text.append(": ").append(this.target.url()).append(": ").append(detail());
        }
        return text.toString();
    }

    /**
     * The reply's message without the URL the coordinator's caller puts in front of an
     * error ({@code call <url> failed: }).
     */
    private String detail() {
        String detail = (this.message != null) ? this.message : "";
        if (detail.startsWith("call ") && detail.contains(" failed: ")) {
            detail = detail.substring(detail.indexOf(" failed: ") + " failed: ".length());
        }
        detail = detail.strip().replaceAll("\\s*\\R\\s*", " ");
        return (detail.length() > MAX_DETAIL) ? detail.substring(0, MAX_DETAIL) + "..." : detail;
    }

}
