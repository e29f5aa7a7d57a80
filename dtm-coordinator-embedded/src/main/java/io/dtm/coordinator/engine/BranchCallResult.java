package io.dtm.coordinator.engine;

/** The outcome of one call to a branch (or to a back-check / resume URL) and the text that explains it. */
public record BranchCallResult(DtmResult result, String message) {

    static final BranchCallResult EMPTY_URL_SUCCESS = new BranchCallResult(DtmResult.SUCCESS, "");

    public boolean isSuccess() {
        return result == DtmResult.SUCCESS;
    }
}
