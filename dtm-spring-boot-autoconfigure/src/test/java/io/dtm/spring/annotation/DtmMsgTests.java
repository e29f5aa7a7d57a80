package io.dtm.spring.annotation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class DtmMsgTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final Transfers transfers = this.world.transfers();

    @Test
    void localBusinessCommitsAndTheStepsRun() {
        int local = this.world.openAccount(this.world.initiator, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.msg(local, Transfer.of(in, 40), gid);
        assertThat(this.world.balance(this.world.initiator, local)).isEqualTo(60);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(40);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("deposit");
        assertThat(this.world.query(gid.get()).path("transaction").path("query_prepared").asString())
            .isEqualTo(this.world.initiatorUrl + "/dtm/msg/query-prepared");
        // the built-in back-check finds the committed barrier row
        assertThat(queryPrepared(gid.get())).isEqualTo(200);
    }

    @Test
    void aStepThatErrorsIsRetriedUntilItSucceeds() {
        int local = this.world.openAccount(this.world.initiator, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.msg(local, Transfer.of(in, 40).fail("ERROR_ONCE"), gid);
        await().atMost(Duration.ofSeconds(30)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.balance(this.world.initiator, local)).isEqualTo(60);
        assertThat(this.world.balance(this.world.bankIn, in)).isEqualTo(40);
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).containsExactly("deposit", "deposit");
        assertThat(this.world.log(this.world.bankIn).ran(gid.get())).containsExactly("deposit");
    }

    @Test
    void anInitiatorThatThrowsRollsBackAndSendsNothing() {
        int local = this.world.openAccount(this.world.initiator, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatIllegalStateException().isThrownBy(() -> this.transfers.msgThenThrow(local, Transfer.of(in, 40), gid))
            .withMessage("initiator failed after the first call");
        assertThat(this.world.balance(this.world.initiator, local)).isEqualTo(100);
        assertThat(this.world.status(gid.get())).isEmpty();
        assertThat(this.world.log(this.world.bankIn).received(gid.get())).isEmpty();
        // the back-check of this gid now answers FAILURE: the local transaction never
        // committed
        assertThat(queryPrepared(gid.get())).isEqualTo(409);
    }

    private int queryPrepared(String gid) {
        return RestClient.create()
            .get()
            .uri(this.world.initiatorUrl + "/dtm/msg/query-prepared?gid={gid}&trans_type=msg&branch_id=00&op=msg", gid)
            .exchange((request, response) -> response.getStatusCode())
            .value();
    }

}
