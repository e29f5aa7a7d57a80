package io.dtm.coordinator.engine.mode;

import io.dtm.coordinator.engine.run.TransRun;

import java.util.List;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransStatus;

/**
 * TCC (docs/protocol.md#tcc): branches arrive through registerBranch as (cancel, confirm)
 * rows. A submitted transaction confirms, an aborting one cancels, walking the rows from
 * last to first; a prepared one that timed out aborts.
 */
class TccProcessor implements ModeProcessor {

    @Override
    public void processOnce(TransRun run, List<TransBranch> branches) {
        if (run.status() == TransStatus.PREPARED && run.isTimeout()) {
            run.changeStatus(TransStatus.ABORTING, run.timeoutReason(), null);
            // a branch registered after this pass loaded the branches and before the
            // change is only in the store
            branches = run.context().store().findBranches(run.global().getGid());
        }
        boolean confirming = run.status() == TransStatus.SUBMITTED;
        if (!confirming && run.status() != TransStatus.ABORTING) {
            return;
        }
        String op = confirming ? BranchOp.CONFIRM.wireName() : BranchOp.CANCEL.wireName();
        for (int i = branches.size() - 1; i >= 0; i--) {
            TransBranch b = branches.get(i);
            if (op.equals(b.getOp()) && b.getStatus() == TransStatus.PREPARED) {
                PhaseTwo.callOrThrow(run, b, i);
            }
        }
        run.changeStatus(confirming ? TransStatus.SUCCEED : TransStatus.FAILED);
    }

}
