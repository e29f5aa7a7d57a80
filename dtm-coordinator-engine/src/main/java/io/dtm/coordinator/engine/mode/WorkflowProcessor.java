package io.dtm.coordinator.engine.mode;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.run.TransRun;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;

/**
 * Workflow (docs/protocol.md#workflow): the client drives its own steps; when a prepared
 * workflow times out (its client died), the coordinator calls the resume callback
 * ({@code query_prepared}, branch_id {@code 00}, op = workflow name, body = the workflow
 * input) until the client submits.
 */
class WorkflowProcessor implements ModeProcessor {

    @Override
    public void processOnce(TransRun run, List<TransBranch> branches) {
        TransGlobal g = run.global();
        if (g.getStatus() != TransStatus.PREPARED || !run.isTimeout() || !run.canStartBranch()) {
            return;
        }
        Map<String, Object> custom = g.getCustomData().isBlank() ? Map.of() : TransJson.readObject(g.getCustomData());
        String name = custom.get("name") instanceof String s ? s : "";
        byte[] data = custom.get("data") instanceof String s && !s.isEmpty() ? Base64.getDecoder().decode(s)
                : new byte[0];
        BranchCallResult result = run.context().caller().call(g, g.getQueryPrepared(), data, "00", name, run.trace());
        if (result.result() == ReplyOutcome.ONGOING) {
            throw new DtmOngoingException(result.message());
        }
        if (!result.isSuccess()) {
            throw new DtmException("workflow resume " + g.getQueryPrepared() + ": " + result.message());
        }
    }

}
