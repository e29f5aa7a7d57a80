package io.dtm.coordinator.engine.mode;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;

/**
 * Workflow (docs/protocol.md#workflow): the client drives its own steps; when a prepared
 * workflow times out (its client died), the coordinator calls the resume callback
 * ({@code query_prepared}, branch_id {@code 00}, op = workflow name, body = the workflow
 * input) until the client submits.
 */
class WorkflowProcessor implements ModeProcessor {

    @Override
    public TransType type() {
        return TransType.WORKFLOW;
    }

    /** A workflow records a step the client already ran: one finished row. */
    @Override
    public List<TransBranch> registerBranch(String gid, String branchId, Map<String, String> branch, byte[] data,
            BranchUrlPolicy urlPolicy, Instant now) {
        String op = branch.get("op");
        String status = branch.get("status");
        if (op == null || op.isEmpty()) {
            throw new InvalidRequestException("a workflow branch needs op");
        }
        TransRequestValidator.maxLength("op", op, TransRequestValidator.MAX_OP);
        if (!TransStatus.SUCCEED.is(status) && !TransStatus.FAILED.is(status)) {
            throw new InvalidRequestException(
                    "a workflow branch needs status 'succeed' or 'failed', got '" + status + "'");
        }
        TransBranch row = new TransBranch(gid, "", data, branchId, op, TransStatus.fromWire(status), now);
        row.setFinishTime(now);
        return List.of(row);
    }

    /**
     * The workflow fields of custom_data: its {@code name} and base64 input {@code data}.
     */
    static void validateCustomData(JsonNode data) {
        Map<String, JsonNode> f = TransRequestValidator.customFields(data, "name", "data");
        JsonNode name = f.get("name");
        if (name != null && !name.isNull() && !name.isString()) {
            throw new InvalidRequestException("custom_data.name must be the workflow's name as a string, got "
                    + TransRequestValidator.kind(name));
        }
        JsonNode input = f.get("data");
        if (input != null && !input.isNull()) {
            if (!input.isString()) {
                throw new InvalidRequestException("custom_data.data must be the workflow input in base64, got "
                        + TransRequestValidator.kind(input));
            }
            try {
                Base64.getDecoder().decode(input.stringValue());
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidRequestException("custom_data.data is not valid base64 (standard alphabet, "
                        + "padded): the workflow input is resent from it");
            }
        }
    }

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
