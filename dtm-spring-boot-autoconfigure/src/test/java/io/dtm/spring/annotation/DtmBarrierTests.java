package io.dtm.spring.annotation;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The participant annotations, called directly as the coordinator would call them, in the
 * orders the network may produce.
 */
class DtmBarrierTests {

    private final AnnotationWorld world = AnnotationWorld.get();

    private final RestClient rest = RestClient.create();

    @Test
    void aRepeatedActionRunsOnce() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        String gid = newGid();
        assertThat(call("withdraw", gid, "saga", "action", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(call("withdraw", gid, "saga", "action", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(90);
        assertThat(this.world.log(this.world.bankOut).received(gid)).containsExactly("withdraw", "withdraw");
        assertThat(this.world.log(this.world.bankOut).ran(gid)).containsExactly("withdraw");
    }

    @Test
    void aCompensationBeforeItsActionIsEmptyAndTheLateActionIsRefused() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        String gid = newGid();
        assertThat(call("withdrawRevert", gid, "saga", "compensate", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(call("withdraw", gid, "saga", "action", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        assertThat(this.world.log(this.world.bankOut).ran(gid)).isEmpty();
    }

    @Test
    void aFailingActionRollsBackItsLocalWork() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        String gid = newGid();
        assertThat(call("withdraw", gid, "saga", "action", Transfer.of(out, 10).fail("FAILURE"))).isEqualTo(409);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
        // the rolled back action left no barrier row: a retry runs it
        assertThat(call("withdraw", gid, "saga", "action", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(90);
    }

    @Test
    void aTccCancelBeforeItsTryIsEmptyAndTheLateTryIsRefused() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        String gid = newGid();
        // the coordinator calls cancel with op=cancel; @TccCancel fixes the barrier op
        // whatever the request says
        assertThat(call("tccWithdrawCancel", gid, "tcc", "cancel", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(call("tccWithdrawTry", gid, "tcc", "try", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(this.world.frozen(this.world.bankOut, out)).isZero();
        assertThat(this.world.log(this.world.bankOut).ran(gid)).isEmpty();
    }

    @Test
    void aRepeatedConfirmRunsOnce() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        String gid = newGid();
        assertThat(call("tccWithdrawTry", gid, "tcc", "try", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(call("tccWithdrawConfirm", gid, "tcc", "confirm", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(call("tccWithdrawConfirm", gid, "tcc", "confirm", Transfer.of(out, 10))).isEqualTo(200);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(90);
        assertThat(this.world.frozen(this.world.bankOut, out)).isZero();
        assertThat(this.world.log(this.world.bankOut).ran(gid)).containsExactly("tccWithdrawTry", "tccWithdrawConfirm");
    }

    @Test
    void aHandlerCalledWithoutTransactionIsRefused() {
        int out = this.world.openAccount(this.world.bankOut, 100);
        int status = this.rest.post()
            .uri(this.world.bankOutUrl + "/bank/withdraw")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Transfer.of(out, 10))
            .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(500);
        assertThat(this.world.balance(this.world.bankOut, out)).isEqualTo(100);
    }

    private int call(String path, String gid, String transType, String op, Transfer transfer) {
        return call(this.world.bankOut, this.world.bankOutUrl, path, gid, transType, op, transfer);
    }

    int call(ConfigurableApplicationContext service, String baseUrl, String path, String gid, String transType,
            String op, Transfer transfer) {
        return this.rest.post()
            .uri(baseUrl + "/bank/" + path + "?gid={gid}&trans_type={type}&branch_id=01&op={op}", gid, transType, op)
            .contentType(MediaType.APPLICATION_JSON)
            .body(transfer)
            .exchange((request, response) -> response.getStatusCode().value());
    }

    private static String newGid() {
        return "barrier-" + UUID.randomUUID();
    }

}
