package io.dtm.spring.it;

import java.time.Duration;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.client.DtmClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class SagaIntegrationTests {

    private final H2World world = H2World.get();

    private final DtmClient dtm = this.world.client();

    @Test
    void sagaSucceedsAndMovesTheMoney() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        this.dtm.saga(gid)
            .add(this.world.out("/withdraw"), this.world.out("/withdrawRevert"), BankRequest.of(30))
            .add(this.world.in("/deposit"), this.world.in("/depositRevert"), BankRequest.of(30))
            .submit();
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(this.world.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "succeed");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 30);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 30);
    }

    @Test
    void sagaWithWaitResultRollsBackWhenAnActionFails() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        int reverts = this.world.ran(this.world.bankInUrl, "depositRevert");
        String gid = this.dtm.newGid();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> this.dtm.saga(gid)
            .add(this.world.out("/withdraw"), this.world.out("/withdrawRevert"), BankRequest.of(40))
            .add(this.world.in("/deposit"), this.world.in("/depositRevert"), BankRequest.of(40).result("FAILURE"))
            .waitResult()
            .submit());
        assertThat(this.world.status(gid)).isEqualTo("failed");
        assertThat(this.world.branchStatuses(gid)).containsExactly("succeed", "succeed", "succeed", "failed");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out);
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in);
        // the failed deposit rolled back its barrier row, so its compensation was a null
        // compensation
        assertThat(this.world.ran(this.world.bankInUrl, "depositRevert")).isEqualTo(reverts);
    }

    @Test
    void concurrentSagaWithOrdersSucceeds() {
        long out = this.world.balance(this.world.bankOutUrl);
        String gid = this.dtm.newGid();
        this.dtm.saga(gid)
            .add(this.world.out("/withdraw"), this.world.out("/withdrawRevert"), BankRequest.of(5))
            .add(this.world.out("/withdraw"), this.world.out("/withdrawRevert"), BankRequest.of(6))
            .add(this.world.in("/deposit"), this.world.in("/depositRevert"), BankRequest.of(11))
            .enableConcurrent()
            .addBranchOrder(2, 0, 1)
            .waitResult()
            .submit();
        assertThat(this.world.status(gid)).isEqualTo("succeed");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 11);
    }

    @Test
    void badSagaInputIsRefusedBeforeAnythingIsSent() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.dtm.saga("no-steps").submit())
            .withMessageContaining("at least one step");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> this.dtm.saga("").add("a", "b", null))
            .withMessageContaining("gid");
        assertThatExceptionOfType(IllegalArgumentException.class)
            .isThrownBy(() -> this.dtm.saga("g").add("a", "b", 1).enableConcurrent().addBranchOrder(1, 0))
            .withMessageContaining("no step 1");
    }

}
