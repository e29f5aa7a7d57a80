package io.dtm.spring.client;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.DtmReply;
import io.dtm.protocol.DtmRetryableException;

/**
 * A status and body read from an HTTP reply.
 */
public record DtmHttpResult(int status, String body) {

    /**
     * Reads the reply as dtm does ({@link DtmReply#outcome()}): ONGOING, FAILURE and any
     * other error than 200 are thrown as {@link DtmOngoingException},
     * {@link DtmFailureException} and {@link DtmRetryableException}.
     * @return this result when it is a success
     */
    public DtmHttpResult check(String what) {
        new DtmReply(this.status, this.body).check(what);
        return this;
    }

    /**
     * Checks the status only, for replies whose body may quote FAILURE in data (e.g. a
     * rollback reason in {@code /query}).
     */
    public DtmHttpResult checkStatus(String what) {
        if (this.status != 200) {
            return check(what);
        }
        return this;
    }

}
