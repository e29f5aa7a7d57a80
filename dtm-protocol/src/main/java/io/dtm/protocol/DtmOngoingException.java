package io.dtm.protocol;

/**
 * The ONGOING result: not final, retried at the normal interval. Answered with 425
 * {@code {"dtm_result":"ONGOING","message":...}}.
 */
public class DtmOngoingException extends DtmException {

    public DtmOngoingException(String message) {
        super(message);
    }

}
