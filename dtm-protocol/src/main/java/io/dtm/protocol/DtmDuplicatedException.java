package io.dtm.protocol;

/**
 * The DUPLICATED result of the msg barrier: the back-check already decided this message,
 * so the local business was not run and its transaction rolled back.
 */
public class DtmDuplicatedException extends DtmException {

    public DtmDuplicatedException(String message) {
        super(message);
    }

}
