package io.dtm.test.fault;

/**
 * What can go wrong with one branch call. A fault on a call the coordinator makes is
 * applied by its branch caller; on a call the initiator makes (a TCC try, an XA or
 * workflow branch), by a filter in front of the participant's handlers. Either way the
 * participant sees exactly what it would see in production.
 */
public enum Fault {

    /**
     * The branch answers FAILURE (409); the handler does not run. A saga action rolls the
     * saga back, a failed try or XA branch makes the initiator abort.
     */
    FAILURE("answers FAILURE"),

    /**
     * The branch answers 500 before its handler runs: nothing was done. The coordinator
     * retries; an initiator aborts.
     */
    ERROR_BEFORE_HANDLER("answers 500 before the handler runs"),

    /**
     * The handler runs and commits, then the reply is lost as a 500: the coordinator
     * retries a call that was done; an initiator aborts a branch that did its work.
     */
    ERROR_AFTER_COMMIT("reply lost after commit"),

    /**
     * The handler runs and commits, then the call times out: the coordinator retries a
     * call that was done. An initiator's call is answered 504, as a proxy that gave up
     * waiting answers.
     */
    TIMEOUT_AFTER_COMMIT("times out after commit"),

    /**
     * The call is delivered twice, one after the other; the coordinator reads the second
     * reply.
     */
    DELIVERED_TWICE("delivered twice"),

    /**
     * A saga action, try, or XA or workflow branch is held back on its way and its caller
     * reads FAILURE, so the transaction rolls back and compensates or cancels first; the
     * held request reaches the handler once the transaction has finished, the way a
     * request stuck in the network arrives late.
     */
    DELIVERED_AFTER_COMPENSATION("delivered after its compensation"),

    /**
     * The handler runs and commits, then the coordinator dies before it stores the
     * result: the pass ends, and the transaction is taken up again later, over the same
     * store, which calls the branch again. Calls the coordinator makes only.
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
     * the compensation concern saga actions and the first-phase calls the initiator makes
     * (a TCC try, an XA branch, a workflow's action), not compensations, rollbacks or
     * commits; a coordinator crash after the call, the calls the coordinator makes.
     */
    public boolean appliesTo(BranchTarget target) {
        if (this == FAILURE || this == DELIVERED_AFTER_COMPENSATION) {
            boolean firstPhase = "action".equals(target.op()) || "try".equals(target.op());
            return firstPhase && (target.calledByInitiator() || "saga".equals(target.transType()));
        }
        if (this == COORDINATOR_CRASH_AFTER_CALL) {
            return !target.calledByInitiator();
        }
        return true;
    }

}
