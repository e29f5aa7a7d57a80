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
 * TCC (docs/protocol.md#tcc): branches arrive through registerBranch as (cancel, confirm)
 * rows. A submitted transaction confirms, an aborting one cancels, walking the rows from
 * last to first; a prepared one that timed out aborts.
 */
class TccProcessor implements ModeProcessor {

    @Override
    public TransType type() {
        return TransType.TCC;
    }

    @Override
    public List<TransBranch> registerBranch(String gid, String branchId, Map<String, String> branch, byte[] data,
            BranchUrlPolicy urlPolicy, Instant now) {
        String cancel = TransRequestValidator.requireBranchUrl(branch, "cancel", urlPolicy);
        String confirm = TransRequestValidator.requireBranchUrl(branch, "confirm", urlPolicy);
        TransStatus prepared = TransStatus.PREPARED;
        return List.of(new TransBranch(gid, cancel, data, branchId, BranchOp.CANCEL, prepared, now),
                new TransBranch(gid, confirm, data, branchId, BranchOp.CONFIRM, prepared, now));
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
