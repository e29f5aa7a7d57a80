package io.dtm.coordinator.engine.call;

import io.dtm.protocol.ReplyOutcome;

/**
 * The outcome of one call to a branch (or to a back-check / resume URL) and the text that
 * explains it.
 */
public record BranchCallResult(ReplyOutcome result, String message) {

    static final BranchCallResult EMPTY_URL_SUCCESS = new BranchCallResult(ReplyOutcome.SUCCESS, "");

    public boolean isSuccess() {
        return result == ReplyOutcome.SUCCESS;
    }
}
