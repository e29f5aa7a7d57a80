package io.dtm.coordinator.engine.support;

/** No global transaction has the gid a request names. */
public class TransNotFoundException extends RuntimeException {

    public TransNotFoundException(String gid) {
        super("no transaction with gid '" + gid + "' found: check the gid, or prepare/submit the transaction first");
    }

}
