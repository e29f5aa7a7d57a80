package io.dtm.test.fault;

/**
 * Thrown into the coordinator's pass by {@link Fault#COORDINATOR_CRASH_AFTER_CALL}: the
 * pass ends without storing the call's result, as if the coordinator had died, and the
 * transaction is taken up again later from the store.
 */
public class CoordinatorCrash extends RuntimeException {

    CoordinatorCrash(BranchTarget target) {
        super("coordinator crash injected by the test after " + target.describe(), null, false, false);
    }

}
