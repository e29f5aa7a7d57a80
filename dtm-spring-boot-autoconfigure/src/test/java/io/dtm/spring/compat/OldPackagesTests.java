package io.dtm.spring.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.dtm.spring.annotation.support.GlobalTransaction;
import io.dtm.spring.client.DtmDuplicatedException;
import io.dtm.spring.client.DtmException;
import io.dtm.spring.client.DtmFailureException;
import io.dtm.spring.client.DtmOngoingException;
import io.dtm.spring.client.DtmRetryableException;
import org.junit.jupiter.api.Test;

/**
 * Code written against the packages these types had before they moved still compiles and
 * behaves: the old exceptions are the new ones (caught as such by dtm), the old
 * {@code GlobalTransaction} answers as the new one.
 */
@SuppressWarnings("removal")
class OldPackagesTests {

    @Test
    void theOldExceptionsAreTheNewOnes() {
        assertThat(new DtmFailureException("insufficient balance"))
            .isInstanceOf(io.dtm.protocol.DtmFailureException.class)
            .hasMessage("insufficient balance");
        assertThat(new DtmOngoingException("later")).isInstanceOf(io.dtm.protocol.DtmOngoingException.class);
        assertThat(new DtmDuplicatedException("gid")).isInstanceOf(io.dtm.protocol.DtmDuplicatedException.class);
        assertThat(new DtmRetryableException("503", 503)).isInstanceOf(io.dtm.protocol.DtmRetryableException.class);
        assertThat(new DtmException("x")).isInstanceOf(io.dtm.protocol.DtmException.class);
    }

    @Test
    void theOldGlobalTransactionDelegatesToTheNewOne() {
        assertThat(GlobalTransaction.currentGid()).isNull();
        assertThatIllegalStateException().isThrownBy(GlobalTransaction::currentSaga)
            .withMessageContaining("@GlobalSaga");
    }

    @Test
    void theOldAnnotationExceptionsAreTheNewOnes() {
        assertThat(new io.dtm.spring.annotation.support.NoGlobalTransactionException("outside"))
            .isInstanceOf(io.dtm.spring.annotation.NoGlobalTransactionException.class);
        assertThat(new io.dtm.spring.annotation.support.DtmDuplicateTransactionException("dup", "g1", "succeed"))
            .isInstanceOf(io.dtm.spring.annotation.DtmDuplicateTransactionException.class)
            .extracting("gid")
            .isEqualTo("g1");
        assertThat(new io.dtm.spring.annotation.support.UnfinishedStepTasksException("late"))
            .isInstanceOf(io.dtm.spring.annotation.UnfinishedStepTasksException.class);
    }

    @Test
    void theOldSignerIsTheNewOne() {
        io.dtm.spring.client.BranchCallSigner old = new io.dtm.spring.client.BranchCallSigner() {

            @Override
            public boolean isEnabled() {
                return false;
            }

            @Override
            public String sign(String method, java.net.URI uri, byte[] body) {
                return null;
            }

        };
        assertThat(old).isInstanceOf(io.dtm.spring.security.BranchCallSigner.class);
    }

    @Test
    void theOldSecurityAndHealthTypesAreTheNewOnes() {
        assertThat(new io.dtm.spring.web.DtmUnauthorizedException("unsigned"))
            .isInstanceOf(io.dtm.spring.security.DtmUnauthorizedException.class);
        io.dtm.spring.web.CallbackSignatures signatures = new io.dtm.spring.web.CallbackSignatures(
                java.util.List.of("secret"), java.time.Duration.ofMinutes(5), () -> 1_700_000_000L, 16);
        assertThat(signatures).isInstanceOf(io.dtm.spring.security.CallbackSignatures.class);
        assertThat(signatures.isEnabled()).isTrue();
        assertThat(
                new io.dtm.spring.metrics.CoordinatorHealthIndicator(null, () -> "http://localhost:36789/api/dtmsvr"))
            .isInstanceOf(io.dtm.spring.health.CoordinatorHealthIndicator.class);
    }

}
