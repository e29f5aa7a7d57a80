package io.dtm.spring.client;

import io.dtm.spring.barrier.BranchBarrier;

/**
 * A branch's commit or rollback step in a workflow; its barrier has the branch's id and
 * op {@code commit}/{@code rollback}. Branch calls made inside carry that op.
 */
@FunctionalInterface
public interface WorkflowPhase2 {

    void execute(BranchBarrier barrier) throws Exception;

}
