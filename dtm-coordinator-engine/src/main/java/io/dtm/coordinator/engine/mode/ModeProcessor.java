package io.dtm.coordinator.engine.mode;

import io.dtm.coordinator.engine.run.TransRun;

import java.time.Instant;
import java.util.List;

import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;

/**
 * The rules of one transaction mode: which branches it creates itself and what one
 * processing pass does.
 */
public interface ModeProcessor {

    /**
     * Branches created together with the global at prepare or submit (saga and msg); none
     * by default.
     */
    default List<TransBranch> generateBranches(TransGlobal global, Instant now) {
        return List.of();
    }

    /**
     * One pass: calls what is due and moves the global status on. Errors that should
     * reach a waiting submitter are thrown as {@link DtmException}; anything left undone
     * waits for the recovery poller.
     */
    void processOnce(TransRun run, List<TransBranch> branches);

}
