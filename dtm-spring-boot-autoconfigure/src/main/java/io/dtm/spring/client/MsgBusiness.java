package io.dtm.spring.client;

import io.dtm.spring.barrier.BranchBarrier;

/**
 * The local business of {@link Msg#doAndSubmit}: it gets the msg barrier, to pass to a
 * barrier call (JDBC or Redis).
 */
@FunctionalInterface
public interface MsgBusiness {

    void execute(BranchBarrier barrier) throws Exception;

}
