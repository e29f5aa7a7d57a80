package io.dtm.coordinator.engine.mode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;

/**
 * The rules of one transaction mode: which branches it creates itself or takes through
 * registerBranch, whether and how it is aborted, and what one processing pass does.
 */
public interface ModeProcessor {

    /** The mode these rules are for. */
    TransType type();

    /**
     * Branches created together with the global at prepare or submit (saga and msg); none
     * by default.
     */
    default List<TransBranch> generateBranches(TransGlobal global, Instant now) {
        return List.of();
    }

    /**
     * The rows one registerBranch call adds to a prepared transaction of this mode (tcc,
     * xa and workflow); other modes refuse it.
     * @param gid the transaction's gid
     * @param branchId the branch_id
     * @param branch the registration's fields, the mode's own among them
     * @param data the branch's payload
     * @param urlPolicy the policy every branch URL is checked against
     * @param now the registration time
     * @return the rows to append
     */
    default List<TransBranch> registerBranch(String gid, String branchId, Map<String, String> branch, byte[] data,
            BranchUrlPolicy urlPolicy, Instant now) {
        throw new InvalidRequestException(
                "registerBranch is for tcc, xa and workflow, not '" + type().wireName() + "'");
    }

    /**
     * Whether a submit normally follows a prepare (branches registered to a prepared
     * transaction): the submit then looks the transaction up before inserting it.
     */
    default boolean preparedBeforeSubmit() {
        return false;
    }

    /**
     * What an abort does to a transaction of this mode in {@code status}.
     */
    default Abort abort(TransStatus status) {
        return Abort.REFUSED;
    }

    /**
     * One pass: calls what is due and moves the global status on. Errors that should
     * reach a waiting submitter are thrown as {@link io.dtm.protocol.DtmException};
     * anything left undone waits for the recovery poller.
     */
    void processOnce(TransRun run, List<TransBranch> branches);

    /** What an abort request does. */
    enum Abort {

        /** the mode or status cannot be aborted */
        REFUSED,
        /** the transaction ends failed at once, nothing to roll back (a prepared msg) */
        FAIL,
        /** the transaction rolls its registered branches back */
        ROLL_BACK

    }

}
