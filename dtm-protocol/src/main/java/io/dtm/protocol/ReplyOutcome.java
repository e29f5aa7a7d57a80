package io.dtm.protocol;

/**
 * What a reply of a branch or of the coordinator means, read by dtm's rules: see
 * {@link DtmReply#outcome()}.
 */
public enum ReplyOutcome {

    SUCCESS,
    /** Final: the operation will not succeed. */
    FAILURE,
    /** Not final yet: ask again later at the normal interval. */
    ONGOING,
    /** Any other error (another status, no reply): retried with backoff. */
    RETRYABLE

}
