package io.dtm.coordinator.engine.call;

/**
 * Told about every call the engine makes to a branch URL: actions, compensations, TCC
 * confirms and cancels, XA commits and rollbacks, msg back-checks and workflow resumes,
 * including those refused by the URL rules (which are never sent). Runs on the calling
 * thread, so it must be quick; what it throws is logged and ignored.
 */
@FunctionalInterface
public interface BranchCallListener {

    /**
     * A call is about to be sent.
     * @return what is told how the call ended, exactly once
     */
    Ending started(Call call);

    /** The call as the engine makes it. */
    record Call(String gid, String transType, String branchId, String op, String url) {
    }

    /** The end of one call. */
    @FunctionalInterface
    interface Ending {

        /**
         * @param httpStatus the status of the branch's reply, 0 when there was none
         * (network error, timeout, refused URL)
         */
        void ended(BranchCallResult result, int httpStatus);

    }

}
