package io.dtm.protocol;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP reply in dtm's protocol: its status and body, read as dtm reads them (Go's
 * {@code HTTPResp2DtmError}).
 *
 * @param status the HTTP status
 * @param body the body as text; {@code null} reads as empty
 */
public record DtmReply(int status, @Nullable String body) {

    /**
     * dtm's rule, in its order: 425 or a body containing {@code ONGOING} is ongoing; then
     * 409 or a body containing {@code FAILURE} is a failure; then anything but exactly
     * 200 is retryable. The words count anywhere in the body, as dtm's SDKs and
     * coordinator look for them.
     */
    public ReplyOutcome outcome() {
        String text = text();
        if (status == 425 || text.contains(DtmResult.ONGOING.wireName())) {
            return ReplyOutcome.ONGOING;
        }
        if (status == 409 || text.contains(DtmResult.FAILURE.wireName())) {
            return ReplyOutcome.FAILURE;
        }
        if (status != 200) {
            return ReplyOutcome.RETRYABLE;
        }
        return ReplyOutcome.SUCCESS;
    }

    /**
     * Throws the exception for the {@link #outcome()} unless it is a success.
     * @param what names the call in the exception's message
     * @return this reply, when it is a success
     * @throws DtmOngoingException if the reply is ongoing
     * @throws DtmFailureException if it is a failure
     * @throws DtmRetryableException on any other error
     */
    public DtmReply check(String what) {
        return switch (outcome()) {
            case SUCCESS -> this;
            case ONGOING -> throw new DtmOngoingException(what + ": " + text());
            case FAILURE -> throw new DtmFailureException(what + ": " + text());
            case RETRYABLE -> throw new DtmRetryableException(what + ": status " + status + " " + text(), status);
        };
    }

    /** The body, empty rather than {@code null}. */
    public String text() {
        return body == null ? "" : body;
    }
}
