package io.dtm.spring.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.BranchRegistration;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.context.BranchIdGenerator;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.util.Assert;

/**
 * One run of a registered workflow. Every branch call and local step is recorded with the
 * coordinator; when the workflow is resumed, a recorded step is replayed from its record
 * instead of being run again.
 */
public class Workflow {

    private final DtmClient client;

    private final String name;

    private final DtmTransaction transaction;

    private final Map<String, Progress> progresses;

    private final BranchIdGenerator branchIds = new BranchIdGenerator("");

    private final List<Phase2> rollbacks = new ArrayList<>();

    private final List<Phase2> commits = new ArrayList<>();

    private final Set<String> branchesWithAction = new HashSet<>();

    private String currentBranch = "";

    private String currentOp = BranchOp.ACTION.wireName();

    private boolean inPhase2;

    Workflow(DtmClient client, String name, String gid, Map<String, Progress> progresses) {
        this.client = client;
        this.name = name;
        this.transaction = new DtmTransaction(gid, TransType.WORKFLOW.wireName(), "", BranchOp.ACTION.wireName(),
                client.server());
        this.progresses = progresses;
    }

    public String gid() {
        return this.transaction.gid();
    }

    public String name() {
        return this.name;
    }

    /**
     * Starts the next branch; its {@link #onRollback}/{@link #onCommit} and calls belong
     * to it.
     */
    public Workflow newBranch() {
        Assert.state(!this.inPhase2, "newBranch cannot be called from a commit or rollback step");
        this.currentBranch = this.branchIds.next();
        this.currentOp = BranchOp.ACTION.wireName();
        return this;
    }

    /**
     * Registers the current branch's compensation, run (last branch first) if the
     * workflow fails.
     */
    public Workflow onRollback(WorkflowPhase2 rollback) {
        this.rollbacks.add(new Phase2(currentBranchOrNew(), rollback));
        return this;
    }

    /**
     * Registers the current branch's commit step, run (last branch first) once the
     * workflow succeeds.
     */
    public Workflow onCommit(WorkflowPhase2 commit) {
        this.commits.add(new Phase2(currentBranchOrNew(), commit));
        return this;
    }

    /**
     * POSTs {@code payload} to a branch with dtm's query parameters. In the workflow body
     * it is the action of the current branch (a new branch if the current one already
     * made its call) and is recorded; inside a commit or rollback step it is part of that
     * step.
     * @return the reply body
     */
    public String callBranch(String url, Object payload) {
        String body = this.client.toJson(payload);
        if (this.inPhase2) {
            return post(this.currentBranch, this.currentOp, url, body);
        }
        String branchId = branchForAction();
        byte[] result = recorded(branchId, BranchOp.ACTION.wireName(),
                () -> post(branchId, BranchOp.ACTION.wireName(), url, body).getBytes(StandardCharsets.UTF_8));
        return new String(result, StandardCharsets.UTF_8);
    }

    /**
     * Runs a local step as the action of the current branch, recorded like a branch call.
     */
    public byte[] doLocal(LocalStep step) {
        Assert.state(!this.inPhase2, "doLocal cannot be called from a commit or rollback step");
        String branchId = branchForAction();
        return recorded(branchId, BranchOp.ACTION.wireName(), () -> {
            byte[] result = step
                .execute(BranchBarrier.of(TransType.WORKFLOW.wireName(), gid(), branchId, BranchOp.ACTION.wireName()));
            return (result != null) ? result : new byte[0];
        });
    }

    void runPhase2(boolean succeeded) {
        List<Phase2> steps = new ArrayList<>(succeeded ? this.commits : this.rollbacks);
        String op = succeeded ? BranchOp.COMMIT.wireName() : BranchOp.ROLLBACK.wireName();
        this.inPhase2 = true;
        try {
            for (int i = steps.size() - 1; i >= 0; i--) {
                Phase2 step = steps.get(i);
                this.currentBranch = step.branchId();
                this.currentOp = op;
                recorded(step.branchId(), op, () -> {
                    step.callback()
                        .execute(BranchBarrier.of(TransType.WORKFLOW.wireName(), gid(), step.branchId(), op));
                    return new byte[0];
                });
            }
        }
        finally {
            this.inPhase2 = false;
        }
    }

    private String post(String branchId, String op, String url, String body) {
        return this.client.callBranch(this.transaction, branchId, op, url, body, null).body();
    }

    private String currentBranchOrNew() {
        Assert.state(!this.inPhase2, "onRollback/onCommit cannot be called from a commit or rollback step");
        if (this.currentBranch.isEmpty()) {
            newBranch();
        }
        return this.currentBranch;
    }

    private String branchForAction() {
        if (this.currentBranch.isEmpty() || this.branchesWithAction.contains(this.currentBranch)) {
            newBranch();
        }
        this.branchesWithAction.add(this.currentBranch);
        return this.currentBranch;
    }

    private byte[] recorded(String branchId, String op, Step step) {
        Progress progress = this.progresses.get(branchId + "-" + op);
        if (progress != null) {
            if (TransStatus.SUCCEED.is(progress.status())) {
                return progress.data();
            }
            throw new DtmFailureException(new String(progress.data(), StandardCharsets.UTF_8));
        }
        byte[] result;
        try {
            result = step.run();
        }
        catch (DtmFailureException ex) {
            register(branchId, op, TransStatus.FAILED, String.valueOf(ex.getMessage()));
            throw ex;
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new DtmException(ex.getMessage(), ex);
        }
        register(branchId, op, TransStatus.SUCCEED, new String(result, StandardCharsets.UTF_8));
        return result;
    }

    private void register(String branchId, String op, TransStatus status, String data) {
        this.client.registerBranch(this.client.server(),
                BranchRegistration.workflow(gid(), branchId, op, status, data));
    }

    /** A local workflow step; its barrier has op {@code action}. */
    @FunctionalInterface
    public interface LocalStep {

        byte[] execute(BranchBarrier barrier) throws Exception;

    }

    @FunctionalInterface
    private interface Step {

        byte[] run() throws Exception;

    }

    private record Phase2(String branchId, WorkflowPhase2 callback) {
    }

    record Progress(String status, byte[] data) {
    }

}
