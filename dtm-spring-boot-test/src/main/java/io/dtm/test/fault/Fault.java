package io.dtm.test.fault;

/**
 * What can go wrong with one call the coordinator makes to a branch. Each fault is
 * applied by the coordinator's branch caller, so the participant sees exactly what it
 * would see in production.
 */
public enum Fault {

    /**
     * The branch answers FAILURE; the handler does not run. A saga action rolls the saga
     * back.
     */
    FAILURE("answers FAILURE"),

    /**
     * The branch answers 500 before its handler runs: nothing was done, and the
     * coordinator retries.
     */
    ERROR_BEFORE_HANDLER("answers 500 before the handler runs"),

    /**
     * The handler runs and commits, then the reply is lost as a 500: the coordinator
     * retries a call that was done.
     */
    ERROR_AFTER_COMMIT("reply lost after commit"),

    /**
     * The handler runs and commits, then the call times out: the coordinator retries a
     * call that was done.
     */
    TIMEOUT_AFTER_COMMIT("times out after commit"),

    /**
     * The call is delivered twice, one after the other; the coordinator reads the second
     * reply.
     */
    DELIVERED_TWICE("delivered twice"),

    /**
     * A saga action is held back on its way and the coordinator reads FAILURE, so the
     * saga rolls back and compensates first; the held request reaches the handler once
     * the transaction has finished, the way a request stuck in the network arrives late.
     */
    DELIVERED_AFTER_COMPENSATION("delivered after its compensation"),

    /**
     * The handler runs and commits, then the coordinator dies before it stores the
     * result: the pass ends, and the transaction is taken up again later, over the same
     * store, which calls the branch again.
     */
    COORDINATOR_CRASH_AFTER_CALL("coordinator crashes after the call");

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    /** The fault in words, e.g. "reply lost after commit". */
    public String description() {
        return this.description;
    }

    /** This fault on the first call that {@code selector} matches. */
    public BranchFault on(BranchSelector selector) {
        return new BranchFault(this, selector, 1);
    }

    /**
     * Whether the fault means something for {@code target}: FAILURE and a delivery after
     * the compensation only concern saga actions.
     */
    public boolean appliesTo(BranchTarget target) {
        if (this == FAILURE || this == DELIVERED_AFTER_COMPENSATION) {
            return "saga".equals(target.transType()) && "action".equals(target.op());
        }
        return true;
    }

}
