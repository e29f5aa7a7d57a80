package io.dtm.test.fault;

import java.net.URI;

/**
 * One call to a branch: whose transaction, which branch and op, and the URL. The
 * coordinator makes most of them; the initiator makes TCC tries and the calls of XA and
 * workflow branches itself ({@link #calledByInitiator()}).
 *
 * @param gid the global transaction
 * @param transType saga, tcc, msg, xa or workflow
 * @param branchId the branch id ({@code 01} is the first saga step or TCC branch)
 * @param op action, compensate, try, confirm, cancel, commit, rollback, or msg for a
 * message's back-check
 * @param url the URL called, without dtm's query
 */
public record BranchTarget(String gid, String transType, String branchId, String op, String url) {

    /**
     * The last segment of the URL's path, e.g. {@code TransIn} for
     * {@code http://bank/api/TransIn?x=1}.
     */
    public String name() {
        String path;
        try {
            path = URI.create(this.url).getPath();
        }
        catch (IllegalArgumentException ex) {
            path = this.url;
        }
        if (path == null || path.isEmpty()) {
            return this.url;
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /**
     * The name, with the op when it is not an action or a try: {@code TransIn},
     * {@code TransInRevert (compensate)}.
     */
    public String describe() {
        return ("action".equals(this.op) || "try".equals(this.op)) ? name() : name() + " (" + this.op + ")";
    }

    /**
     * Whether the initiator calls this branch itself, not the coordinator: a TCC try, an
     * XA branch, a workflow's branch calls. Branch {@code 00} of a workflow is the
     * coordinator resuming the workflow.
     */
    public boolean calledByInitiator() {
        return ("tcc".equals(this.transType) && "try".equals(this.op))
                || ("xa".equals(this.transType) && "action".equals(this.op))
                || ("workflow".equals(this.transType) && !"00".equals(this.branchId));
    }

}
