package io.dtm.spring.annotation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.context.DtmContextHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@code @GlobalXa} and {@code @XaBranch}, with the participant on the MariaDB server at
 * 127.0.0.1.
 */
class GlobalXaTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final Transfers transfers = this.world.transfers();

    private ConfigurableApplicationContext bank;

    @BeforeEach
    void startBank() {
        this.bank = this.world.bankXa();
    }

    @Test
    void everyBranchCommits() {
        int out = this.world.openAccount(this.bank, 100);
        int in = this.world.openAccount(this.bank, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.xa(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "succeed"::equals);
        assertThat(this.world.branches(gid.get())).containsExactly("01:rollback:prepared", "01:commit:succeed",
                "02:rollback:prepared", "02:commit:succeed");
        assertThat(this.world.balance(this.bank, out)).isEqualTo(70);
        assertThat(this.world.balance(this.bank, in)).isEqualTo(30);
        assertThat(this.world.log(this.bank).ran(gid.get())).containsExactly("xaWithdraw", "xaDeposit");
        assertThat(DtmContextHolder.get()).isNull();
    }

    @Test
    void aBranchAnsweringFailureRollsBackTheOthers() {
        int out = this.world.openAccount(this.bank, 100);
        int in = this.world.openAccount(this.bank, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.transfers.xa(Transfer.of(out, 30), Transfer.of(in, 30).fail("FAILURE"), gid))
            .withMessageContaining("forced failure of xaDeposit");
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "failed"::equals);
        assertThat(this.world.balance(this.bank, out)).isEqualTo(100);
        assertThat(this.world.balance(this.bank, in)).isZero();
        assertThat(this.world.log(this.bank).received(gid.get())).containsExactly("xaWithdraw", "xaDeposit", "phase2");
    }

    @Test
    void anInitiatorThatThrowsRollsBackAndTheExceptionIsRethrown() {
        int out = this.world.openAccount(this.bank, 100);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatIllegalStateException().isThrownBy(() -> this.transfers.xaThenThrow(Transfer.of(out, 30), gid))
            .withMessage("initiator failed after the first call");
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid.get()), "failed"::equals);
        assertThat(this.world.balance(this.bank, out)).isEqualTo(100);
        assertThat(DtmContextHolder.get()).isNull();
    }

}
