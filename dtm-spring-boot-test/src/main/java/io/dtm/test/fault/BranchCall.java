package io.dtm.test.fault;

import io.dtm.protocol.ReplyOutcome;

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
public record BranchCall(BranchTarget target, Fault fault, ReplyOutcome outcome, String message) {

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

    @Override
    public String toString() {
        return this.target.describe() + " -> " + this.outcome
                + ((this.fault != null) ? " [" + this.fault.description() + "]" : "");
    }

}
