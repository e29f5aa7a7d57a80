package io.dtm.spring.annotation;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.spring.context.DtmContextHolder;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * No transaction stays bound after an annotated method or a handled branch, even when it
 * failed.
 */
class ContextLeakTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final RestClient rest = RestClient.create();

    @Test
    void aFailedBranchLeavesNothingOnTheRequestThread() {
        // bank-in serves every request on its single thread
        Map<String, String> before = context();
        int status = this.rest.post()
            .uri(this.world.bankInUrl + "/bank/boom?gid=leak-1&trans_type=saga&branch_id=01&op=action")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Transfer.of(1, 1))
            .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(500);
        Map<String, String> after = context();
        assertThat(after.get("thread")).isEqualTo(before.get("thread"));
        assertThat(after).containsEntry("bound", "null");
    }

    @Test
    void failedInitiatorsLeaveNothingOnTheCallingThread() {
        Transfers transfers = this.world.transfers();
        int out = this.world.openAccount(this.world.bankOut, 100);
        assertThatIllegalStateException()
            .isThrownBy(() -> transfers.sagaThenThrow(Transfer.of(out, 1), new AtomicReference<>()));
        assertThatException().isThrownBy(() -> transfers.tccThenThrow(Transfer.of(out, 1), new AtomicReference<>()));
        assertThatException()
            .isThrownBy(() -> transfers.msgThenThrow(out, Transfer.of(out, 1), new AtomicReference<>()));
        assertThat(DtmContextHolder.get()).isNull();
        assertThat(GlobalTransaction.currentGid()).isNull();
        assertThatIllegalStateException().isThrownBy(GlobalTransaction::currentSaga);
        assertThatIllegalStateException().isThrownBy(GlobalTransaction::currentMsg);
    }

    private Map<String, String> context() {
        return this.rest.get()
            .uri(this.world.bankInUrl + "/bank/context")
            .retrieve()
            .body(new ParameterizedTypeReference<Map<String, String>>() {
            });
    }

}
