package io.dtm.test.fault;

import java.net.URI;

/**
 * One call the coordinator makes to a branch: whose transaction, which branch and op, and
 * the URL.
 *
 * @param gid the global transaction
 * @param transType saga, tcc, msg, xa or workflow
 * @param branchId the branch id ({@code 01} is the first saga step or TCC branch)
 * @param op action, compensate, confirm, cancel, commit, rollback, or msg for a message's
 * back-check
 * @param url the URL called, without the query the coordinator adds
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
     * The name, with the op when it is not an action: {@code TransIn},
     * {@code TransInRevert (compensate)}.
     */
    public String describe() {
        return "action".equals(this.op) ? name() : name() + " (" + this.op + ")";
    }

}
