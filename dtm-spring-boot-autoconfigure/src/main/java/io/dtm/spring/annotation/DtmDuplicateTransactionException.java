package io.dtm.spring.annotation;

/**
 * Thrown instead of running an initiator method whose {@code gid} names a transaction the
 * coordinator already knows, when no normal return can stand for its outcome: the
 * transaction succeeded but the method returns a value (which only the first call knew),
 * or the gid belongs to a transaction of another type. The method was not run and nothing
 * was started.
 */
public class DtmDuplicateTransactionException extends IllegalStateException {

    private final String gid;

    private final String status;

    public DtmDuplicateTransactionException(String message, String gid, String status) {
        super(message);
        this.gid = gid;
        this.status = status;
    }

    /** The gid of the transaction that exists already. */
    public String getGid() {
        return this.gid;
    }

    /** Its status at the coordinator, e.g. {@code succeed}. */
    public String getStatus() {
        return this.status;
    }

}
