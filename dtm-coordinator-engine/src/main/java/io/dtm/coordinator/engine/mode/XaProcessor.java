package io.dtm.coordinator.engine.mode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;

/**
 * XA (docs/protocol.md#xa): (rollback, commit) rows per branch; a submitted transaction
 * commits, an aborting one rolls back, first to last; a prepared one that timed out
 * aborts.
 */
class XaProcessor implements ModeProcessor {

    @Override
    public TransType type() {
        return TransType.XA;
    }

    @Override
    public List<TransBranch> registerBranch(String gid, String branchId, Map<String, String> branch, byte[] data,
            BranchUrlPolicy urlPolicy, Instant now) {
        String url = TransRequestValidator.requireBranchUrl(branch, "url", urlPolicy);
        TransStatus prepared = TransStatus.PREPARED;
        return List.of(new TransBranch(gid, url, data, branchId, BranchOp.ROLLBACK, prepared, now),
                new TransBranch(gid, url, data, branchId, BranchOp.COMMIT, prepared, now));
    }

    @Override
    public boolean preparedBeforeSubmit() {
        return true;
    }

    @Override
    public Abort abort(TransStatus status) {
        return status == TransStatus.PREPARED || status == TransStatus.ABORTING ? Abort.ROLL_BACK : Abort.REFUSED;
    }

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
