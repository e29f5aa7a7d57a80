package io.dtm.spring.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Registry and runner of workflows (dtm's {@code workflow.Register} /
 * {@code workflow.Execute}). A workflow is registered by name; {@link #execute} runs it
 * under a gid, and the coordinator resumes an unfinished one by calling the resume
 * endpoint, which calls {@link #execute} again with the same data.
 */
public class Workflows {

    private final DtmClient client;

    private final Supplier<String> resumeUrl;

    private final Map<String, Registration> functions = new ConcurrentHashMap<>();

    public Workflows(DtmClient client, Supplier<String> resumeUrl) {
        this.client = client;
        this.resumeUrl = resumeUrl;
    }

    public void register(String name, WorkflowFunction function) {
        register(name, function, new WorkflowOptions());
    }

    public void register(String name, WorkflowFunction function, WorkflowOptions options) {
        Assert.hasText(name, "a workflow needs a name");
        Assert.notNull(function, "a workflow needs a function");
        Registration previous = this.functions.putIfAbsent(name, new Registration(function, options));
        Assert.state(previous == null, () -> "a workflow named '" + name + "' is already registered");
    }

    /** Registers a workflow whose data is JSON read as {@code type}. */
    public <T> void register(String name, Class<T> type, TypedWorkflowFunction<T> function) {
        register(name, type, function, new WorkflowOptions());
    }

    public <T> void register(String name, Class<T> type, TypedWorkflowFunction<T> function, WorkflowOptions options) {
        register(name, (workflow, data) -> function.execute(workflow, this.client.jsonMapper().readValue(data, type)),
                options);
    }

    public boolean isRegistered(String name) {
        return this.functions.containsKey(name);
    }

    /**
     * The input the coordinator stored for workflow {@code name} under {@code gid}, or
     * {@code null} when it holds no such workflow: what a resume runs with, whatever the
     * resume request carried.
     */
    public byte[] storedData(String name, String gid) {
        JsonNode transaction = this.client.query(gid).path("transaction");
        if (!transaction.isObject() || !TransType.WORKFLOW.is(transaction.path("trans_type").asString(""))) {
            return null;
        }
        String customData = transaction.path("custom_data").asString("");
        if (!StringUtils.hasText(customData)) {
            return null;
        }
        JsonNode custom = this.client.jsonMapper().readTree(customData);
        if (!name.equals(custom.path("name").asString(""))) {
            return null;
        }
        return decode(custom.path("data").asString(""));
    }

    /**
     * Runs workflow {@code name} with {@code data} (sent as JSON, a {@code byte[]} as
     * is).
     */
    public byte[] execute(String name, String gid, Object data) {
        byte[] bytes = (data instanceof byte[] raw) ? raw : this.client.toJson(data).getBytes(StandardCharsets.UTF_8);
        return execute(name, gid, bytes);
    }

    /**
     * Runs workflow {@code name}. A workflow already finished answers from its record:
     * its result, or {@link DtmFailureException} with its rollback reason.
     * @return the workflow's result
     */
    public byte[] execute(String name, String gid, byte[] data) {
        Registration registration = this.functions.get(name);
        Assert.state(registration != null, () -> "no workflow named '" + name + "' is registered");
        WorkflowFunction function = registration.function();
        TransRequest request = new TransRequest(gid, TransType.WORKFLOW);
        registration.options().applyTo(request);
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("name", name);
        custom.put("data", Base64.getEncoder().encodeToString(data));
        request.setCustomData(this.client.toJson(custom));
        request.setQueryPrepared(this.resumeUrl.get());
        JsonNode reply = this.client.prepareWorkflow(request);
        JsonNode transaction = reply.path("transaction");
        String status = transaction.path("status").asString("");
        if (TransStatus.SUCCEED.is(status)) {
            return decode(transaction.path("result").asString(""));
        }
        if (TransStatus.FAILED.is(status)) {
            throw new DtmFailureException(transaction.path("rollback_reason").asString(""));
        }
        Workflow workflow = new Workflow(this.client, name, gid, progresses(reply.path("progresses")));
        Object result;
        try {
            result = function.execute(workflow, data);
        }
        catch (DtmFailureException ex) {
            workflow.runPhase2(false);
            submit(request, TransStatus.FAILED.wireName(), String.valueOf(ex.getMessage()), new byte[0]);
            throw ex;
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new DtmException(ex.getMessage(), ex);
        }
        byte[] bytes = toBytes(result);
        workflow.runPhase2(true);
        submit(request, TransStatus.SUCCEED.wireName(), "", bytes);
        return bytes;
    }

    private void submit(TransRequest request, String status, String reason, byte[] result) {
        Map<String, String> extra = new HashMap<>();
        extra.put("status", status);
        extra.put("rollback_reason", reason);
        extra.put("result", Base64.getEncoder().encodeToString(result));
        request.setReqExtra(extra);
        this.client.submit(request);
    }

    private byte[] toBytes(Object result) {
        if (result == null) {
            return new byte[0];
        }
        if (result instanceof byte[] bytes) {
            return bytes;
        }
        if (result instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return this.client.toJson(result).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Workflow.Progress> progresses(JsonNode nodes) {
        Map<String, Workflow.Progress> progresses = new HashMap<>();
        if (nodes != null && nodes.isArray()) {
            for (JsonNode node : nodes) {
                String key = node.path("branch_id").asString("") + "-" + node.path("op").asString("");
                progresses.put(key, new Workflow.Progress(node.path("status").asString(""),
                        decode(node.path("bin_data").asString(""))));
            }
        }
        return progresses;
    }

    private static byte[] decode(String base64) {
        return StringUtils.hasText(base64) ? Base64.getDecoder().decode(base64) : new byte[0];
    }

    private record Registration(WorkflowFunction function, WorkflowOptions options) {
    }

    /** A workflow whose data is read from JSON. */
    @FunctionalInterface
    public interface TypedWorkflowFunction<T> {

        Object execute(Workflow workflow, T data) throws Exception;

    }

}
