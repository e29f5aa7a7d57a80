package io.dtm.coordinator.engine.mode;

import io.dtm.coordinator.engine.run.TransRun;

import java.util.List;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransStatus;

/**
 * XA (docs/protocol.md#xa): (rollback, commit) rows per branch; a submitted transaction
 * commits, an aborting one rolls back, first to last; a prepared one that timed out
 * aborts.
 */
class XaProcessor implements ModeProcessor {

    @Override
    public void processOnce(TransRun run, List<TransBranch> branches) {
        if (run.status() == TransStatus.PREPARED && run.isTimeout()) {
            run.changeStatus(TransStatus.ABORTING, run.timeoutReason(), null);
            // a branch registered after this pass loaded the branches and before the
            // change is only in the store
            branches = run.context().store().findBranches(run.global().getGid());
        }
        boolean committing = run.status() == TransStatus.SUBMITTED;
        if (!committing && run.status() != TransStatus.ABORTING) {
            return;
        }
        String op = committing ? BranchOp.COMMIT.wireName() : BranchOp.ROLLBACK.wireName();
        for (int i = 0; i < branches.size(); i++) {
            TransBranch b = branches.get(i);
            if (op.equals(b.getOp()) && b.getStatus() != TransStatus.SUCCEED) {
                PhaseTwo.callOrThrow(run, b, i);
            }
        }
        run.changeStatus(committing ? TransStatus.SUCCEED : TransStatus.FAILED);
    }

}
