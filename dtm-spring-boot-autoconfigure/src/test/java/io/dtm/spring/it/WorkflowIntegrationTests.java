package io.dtm.spring.it;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Workflow;
import io.dtm.spring.client.WorkflowOptions;
import io.dtm.spring.client.Workflows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class WorkflowIntegrationTests {

    private static final Set<String> crashOnce = ConcurrentHashMap.newKeySet();

    private final H2World world = H2World.get();

    private final DtmClient dtm = this.world.client();

    private final Workflows workflows = this.world.workflows();

    @BeforeAll
    static void register() {
        H2World world = H2World.get();
        Workflows workflows = world.workflows();
        if (workflows.isRegistered("transfer")) {
            return;
        }
        workflows.register("transfer", BankRequest.class, (wf, request) -> {
            transfer(world, wf, request);
            return "done " + request.amount();
        }, new WorkflowOptions().timeoutToFail(Duration.ofSeconds(2)).retryInterval(Duration.ofSeconds(1)));
    }

    private static void transfer(H2World world, Workflow wf, BankRequest request) {
        wf.newBranch().onRollback((barrier) -> wf.callBranch(world.out("/withdrawRevert"), request));
        wf.callBranch(world.out("/withdraw"), request.result(""));
        if (crashOnce.remove(wf.gid())) {
            throw new IllegalStateException("process died");
        }
        wf.newBranch().onRollback((barrier) -> wf.callBranch(world.in("/depositRevert"), request));
        wf.callBranch(world.in("/deposit"), request);
    }

    @Test
    void workflowRunsItsBranchesAndSubmits() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        byte[] result = this.workflows.execute("transfer", gid, BankRequest.of(15));
        assertThat(new String(result)).isEqualTo("done 15");
        assertThat(this.world.status(gid)).isEqualTo("succeed");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 15);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 15);
        // a finished workflow answers from its record
        assertThat(new String(this.workflows.execute("transfer", gid, BankRequest.of(15)))).isEqualTo("done 15");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 15);
    }

    @Test
    void workflowRollsBackItsBranchesWhenOneFails() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        int reverts = this.world.ran(this.world.bankOutUrl, "withdrawRevert");
        String gid = this.dtm.newGid();
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.workflows.execute("transfer", gid, BankRequest.of(15).result("FAILURE")));
        assertThat(this.world.status(gid)).isEqualTo("failed");
        assertThat(this.world.ran(this.world.bankOutUrl, "withdrawRevert")).isEqualTo(reverts + 1);
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in);
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.workflows.execute("transfer", gid, BankRequest.of(15)))
            .withMessageContaining("forced failure");
    }

    @Test
    void workflowThatDiesMidwayIsResumedByTheCoordinatorWithoutRepeatingDoneSteps() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        int withdrawals = this.world.ran(this.world.bankOutUrl, "withdraw");
        int deposits = this.world.ran(this.world.bankInUrl, "deposit");
        String gid = this.dtm.newGid();
        crashOnce.add(gid);
        assertThatIllegalStateException().isThrownBy(() -> this.workflows.execute("transfer", gid, BankRequest.of(17)))
            .withMessage("process died");
        assertThat(this.world.status(gid)).isEqualTo("prepared");
        await().atMost(Duration.ofSeconds(40)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(this.world.ran(this.world.bankOutUrl, "withdraw")).isEqualTo(withdrawals + 1);
        assertThat(this.world.ran(this.world.bankInUrl, "deposit")).isEqualTo(deposits + 1);
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 17);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 17);
    }

    @Test
    void tccStyleWorkflowConfirmsThroughOnCommit() {
        String name = "tcc-style";
        if (!this.workflows.isRegistered(name)) {
            this.workflows.register(name, BankRequest.class, (wf, request) -> {
                wf.newBranch()
                    .onCommit((barrier) -> wf.callBranch(this.world.out("/tccWithdrawConfirm"), request))
                    .onRollback((barrier) -> wf.callBranch(this.world.out("/tccWithdrawCancel"), request));
                wf.callBranch(this.world.out("/tccWithdrawTry"), request);
                wf.newBranch()
                    .onCommit((barrier) -> wf.callBranch(this.world.in("/tccDepositConfirm"), request))
                    .onRollback((barrier) -> wf.callBranch(this.world.in("/tccDepositCancel"), request));
                wf.callBranch(this.world.in("/tccDepositTry"), request);
                return null;
            });
        }
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        this.workflows.execute(name, gid, BankRequest.of(11));
        assertThat(this.world.status(gid)).isEqualTo("succeed");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 11);
        assertThat(this.world.frozen(this.world.bankOutUrl)).isZero();
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 11);
        assertThat(this.dtm.query(gid).path("branches").findValuesAsString("op")).contains("action", "commit")
            .doesNotContain("rollback");
    }

    @Test
    void recordedLocalStepsAreReplayedOnResume() {
        String name = "local-step";
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        this.workflows.register(name + "-" + runs.hashCode(), (wf, data) -> {
            byte[] reserved = wf.doLocal((barrier) -> ("reservation-" + runs.incrementAndGet()).getBytes());
            if (crashOnce.remove(wf.gid())) {
                throw new IllegalStateException("process died");
            }
            return reserved;
        }, new WorkflowOptions().timeoutToFail(Duration.ofSeconds(2)).retryInterval(Duration.ofSeconds(1)));
        String gid = this.dtm.newGid();
        crashOnce.add(gid);
        assertThatIllegalStateException()
            .isThrownBy(() -> this.workflows.execute(name + "-" + runs.hashCode(), gid, new byte[0]));
        await().atMost(Duration.ofSeconds(40)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(runs).hasValue(1);
        assertThat(this.dtm.query(gid).path("transaction").path("result").asString())
            .isEqualTo(java.util.Base64.getEncoder().encodeToString("reservation-1".getBytes()));
    }

    @Test
    void registrationMistakesAreReported() {
        assertThatIllegalStateException().isThrownBy(() -> this.workflows.register("transfer", (wf, data) -> null))
            .withMessageContaining("already registered");
        assertThatIllegalStateException().isThrownBy(() -> this.workflows.execute("nope", "g1", new byte[0]))
            .withMessageContaining("no workflow named 'nope'");
    }

}
