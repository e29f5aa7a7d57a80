package io.dtm.samples.woven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.aspectj.lang.Aspects;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.dtm.spring.annotation.support.BarrierBranchAspect;
import io.dtm.spring.annotation.support.SagaMsgInitiatorAspect;
import io.dtm.spring.annotation.support.TwoPhaseInitiatorAspect;
import io.dtm.spring.annotation.support.WovenAspects;
import io.dtm.spring.client.DtmClient;
import tools.jackson.databind.JsonNode;

/**
 * dtm's aspects woven by the AspectJ compiler: no proxies, and an annotated initiator
 * invoked on {@code this} runs its global transaction, its branches called by the
 * coordinator and rolled back when one fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WovenInitiatorsTests {

    @Autowired
    TransferService transfers;

    @Autowired
    BankController bank;

    @Autowired
    DtmClient dtm;

    @Autowired
    WovenAspects wovenAspects;

    @Test
    void beansAreNotProxiedAndTheWovenAspectsAreConfigured() {
        assertThat(AopUtils.isAopProxy(this.transfers)).isFalse();
        assertThat(AopUtils.isAopProxy(this.bank)).isFalse();
        assertThat(this.wovenAspects.aspects()).contains(Aspects.aspectOf(SagaMsgInitiatorAspect.class),
                Aspects.aspectOf(TwoPhaseInitiatorAspect.class), Aspects.aspectOf(BarrierBranchAspect.class));
    }

    @Test
    void aSelfInvokedGlobalSagaRunsAsASaga() {
        this.transfers.transferBySaga(new Transfer(30, false));
        String gid = this.transfers.lastGid();
        assertThat(gid).isNotNull();
        awaitStatus(gid, "succeed");
        assertThat(branchIds(gid)).containsExactly("01", "02");
        assertThat(this.bank.calls(gid)).containsExactly("transOut", "transIn");
    }

    @Test
    void aSelfInvokedGlobalSagaWhoseStepFailsIsCompensated() {
        this.transfers.transferBySaga(new Transfer(30, true));
        String gid = this.transfers.lastGid();
        awaitStatus(gid, "failed");
        assertThat(branchIds(gid)).containsExactly("01", "02");
        // transIn refused, so its compensation finds no action behind the barrier and
        // does not run
        assertThat(this.bank.calls(gid)).containsExactly("transOut", "transOutRevert");
    }

    @Test
    void aSelfInvokedGlobalTccIsConfirmed() {
        this.transfers.transferByTcc(new Transfer(30, false));
        String gid = this.transfers.lastGid();
        awaitStatus(gid, "succeed");
        assertThat(this.bank.calls(gid)).startsWith("transOutTry", "transInTry")
            .containsExactlyInAnyOrder("transOutTry", "transInTry", "transOutConfirm", "transInConfirm");
    }

    @Test
    void aSelfInvokedGlobalTccWhoseTryFailsIsCancelled() {
        assertThatException().isThrownBy(() -> this.transfers.transferByTcc(new Transfer(30, true)));
        String gid = this.transfers.lastGid();
        awaitStatus(gid, "failed");
        // transInTry refused, so its cancel finds no try behind the barrier and does not
        // run
        assertThat(this.bank.calls(gid)).containsExactly("transOutTry", "transOutCancel");
    }

    @Test
    void aSelfInvokedDtmMsgIsDelivered() {
        this.transfers.transferByMsg(new Transfer(30, false));
        String gid = this.transfers.lastGid();
        awaitStatus(gid, "succeed");
        assertThat(branchIds(gid)).containsExactly("01", "02");
        assertThat(this.bank.calls(gid)).containsExactly("transOut", "transIn");
    }

    private void awaitStatus(String gid, String status) {
        assertThat(gid).isNotNull();
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(this.dtm.query(gid).path("transaction").path("status").asString())
                .isEqualTo(status));
    }

    private List<String> branchIds(String gid) {
        JsonNode branches = this.dtm.query(gid).path("branches");
        return StreamSupport.stream(branches.spliterator(), false)
            .map((branch) -> branch.path("branch_id").asString())
            .distinct()
            .toList();
    }

}
