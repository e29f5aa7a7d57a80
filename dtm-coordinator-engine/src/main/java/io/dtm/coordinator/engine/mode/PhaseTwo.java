package io.dtm.coordinator.engine.mode;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransBranch;

/**
 * Phase-2 calls (confirm, cancel, commit, rollback) must eventually succeed: anything
 * else stops the pass.
 */
final class PhaseTwo {

    private PhaseTwo() {
    }

    static void callOrThrow(TransRun run, TransBranch branch, int position) {
        if (!run.canStartBranch()) {
            throw new DtmOngoingException("the pass ran out of time before branch " + branch.getBranchId() + " "
                    + branch.getOp() + "; the next pass calls it");
        }
        BranchCallResult result = run.execBranch(branch, position);
        if (result.result() == ReplyOutcome.ONGOING) {
            throw new DtmOngoingException(result.message());
        }
        if (!result.isSuccess()) {
            throw new DtmException("branch " + branch.getBranchId() + " " + branch.getOp() + " at " + branch.getUrl()
                    + " did not succeed, retried later: " + result.message());
        }
    }

}
