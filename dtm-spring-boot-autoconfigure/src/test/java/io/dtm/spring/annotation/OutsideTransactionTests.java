package io.dtm.spring.annotation;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @DtmStep} calls made where no saga records them fail instead of going out as
 * plain calls.
 */
class OutsideTransactionTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    @Test
    void aSelfInvokedSagasStepFailsNamingSelfInvocation() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int in = this.world.openAccount(this.world.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatExceptionOfType(NoGlobalTransactionException.class)
            .isThrownBy(() -> this.world.transfers().selfInvokedSaga(Transfer.of(out, 30), Transfer.of(in, 30), gid))
            .withMessageStartingWith("The @DtmStep Feign method " + BankApi.class.getName() + ".withdraw() was "
                    + "called outside a @GlobalSaga or @DtmMsg method")
            .withMessageContaining("self-invoked (this.x() bypasses the Spring proxy")
            .withMessageContaining("weave dtm's aspects with AspectJ and set dtm.annotations.mode=aspectj")
            .withMessageContaining("on a thread that did not get dtm's context")
            .withMessageContaining("dtm.annotations.plain-calls-outside-transaction=true");
        // no saga was started, and the withdrawal was not sent
        assertThat(gid.get()).isNull();
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
    }

    @Test
    void aStepCalledOutsideAnySagaFails() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        BankOutClient bankOut = this.world.initiator.getBean(BankOutClient.class);
        assertThatExceptionOfType(NoGlobalTransactionException.class)
            .isThrownBy(() -> bankOut.withdraw(Transfer.of(out, 30)))
            .withMessageContaining(BankApi.class.getName() + ".withdraw()");
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
    }

}
