package io.dtm.test;

import java.util.List;

import io.dtm.protocol.TransBranch;
import io.dtm.test.fault.BranchCall;

/**
 * A global transaction as the test coordinator holds it, with the branch calls the kit
 * recorded for it.
 *
 * @param gid the gid
 * @param transType saga, tcc, msg, xa or workflow
 * @param status prepared, submitted, aborting, succeed or failed
 * @param rollbackReason why it rolled back, empty when it did not
 * @param branches the branch rows, in the coordinator's order
 * @param calls the calls made to its branches, in order
 */
public record RecordedTransaction(String gid, String transType, String status, String rollbackReason,
        List<TransBranch> branches, List<BranchCall> calls) {

    /**
     * The names of the branches called, in order: the last segment of each URL, e.g.
     * {@code TransOut}.
     */
    public List<String> calledNames() {
        return this.calls.stream().map(BranchCall::name).toList();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(this.transType + " " + this.gid + " " + this.status);
        if (this.rollbackReason != null && !this.rollbackReason.isEmpty()) {
            text.append(" (rollback reason: ").append(this.rollbackReason).append(')');
        }
        text.append(", branch calls: ").append(this.calls.isEmpty() ? "none" : "");
        for (String call : BranchCall.describeAll(this.calls)) {
            text.append(System.lineSeparator()).append("  ").append(call);
        }
        return text.toString();
    }

}
