package io.dtm.spring.it;

import java.time.Duration;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.client.DtmClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TccIntegrationTests {

    private final H2World world = H2World.get();

    private final DtmClient dtm = this.world.client();

    @Test
    void tccConfirmsEveryBranch() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.tccGlobal((tcc) -> {
            tcc.callBranch(BankRequest.of(30), this.world.out("/tccWithdrawTry"), this.world.out("/tccWithdrawConfirm"),
                    this.world.out("/tccWithdrawCancel"));
            tcc.callBranch(BankRequest.of(30), this.world.in("/tccDepositTry"), this.world.in("/tccDepositConfirm"),
                    this.world.in("/tccDepositCancel"));
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(this.world.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "succeed");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out - 30);
        assertThat(this.world.frozen(this.world.bankOutUrl)).isZero();
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 30);
    }

    @Test
    void tccCancelsWhenATryFails() {
        long out = this.world.balance(this.world.bankOutUrl);
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> this.dtm.tccGlobal(gid, (tcc) -> {
            tcc.callBranch(BankRequest.of(30), this.world.out("/tccWithdrawTry"), this.world.out("/tccWithdrawConfirm"),
                    this.world.out("/tccWithdrawCancel"));
            tcc.callBranch(BankRequest.of(30).result("FAILURE"), this.world.in("/tccDepositTry"),
                    this.world.in("/tccDepositConfirm"), this.world.in("/tccDepositCancel"));
        }));
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "failed"::equals);
        JsonNode transaction = this.dtm.query(gid).path("transaction");
        assertThat(transaction.path("rollback_reason").asString()).contains("forced failure");
        assertThat(this.world.balance(this.world.bankOutUrl)).isEqualTo(out);
        assertThat(this.world.frozen(this.world.bankOutUrl)).isZero();
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in);
    }

    @Test
    void anExceptionInTheBodyAbortsWithItsTextAndIsRethrown() {
        IllegalStateException boom = new IllegalStateException("stock service unavailable");
        String gid = this.dtm.newGid();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.dtm.tccGlobal(gid, (tcc) -> {
            tcc.callBranch(BankRequest.of(1), this.world.out("/tccWithdrawTry"), this.world.out("/tccWithdrawConfirm"),
                    this.world.out("/tccWithdrawCancel"));
            throw boom;
        })).isSameAs(boom);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "failed"::equals);
        assertThat(this.dtm.query(gid).path("transaction").path("rollback_reason").asString())
            .isEqualTo("stock service unavailable");
    }

    @Test
    void nestedBranchIsStartedFromInsideABranch() {
        long in = this.world.balance(this.world.bankInUrl);
        String gid = this.dtm.newGid();
        String[] reply = new String[1];
        this.dtm.tccGlobal(gid,
                (tcc) -> reply[0] = tcc.callBranch(BankRequest.of(7).next(this.world.bankInUrl + "/api/bank"),
                        this.world.out("/tccNestedTry"), this.world.out("/tccWithdrawConfirm"),
                        this.world.out("/tccWithdrawCancel")));
        assertThat(reply[0]).contains("\"branch_id\":\"01\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(this.dtm.query(gid).path("branches").findValuesAsString("branch_id")).contains("01", "0101");
        assertThat(this.world.balance(this.world.bankInUrl)).isEqualTo(in + 7);
    }

    @Test
    void cancelBeforeTryIsANullCompensationAndTheLateTryIsRefused() {
        long frozen = this.world.frozen(this.world.bankOutUrl);
        int tries = this.world.ran(this.world.bankOutUrl, "tccWithdrawTry");
        int cancels = this.world.ran(this.world.bankOutUrl, "tccWithdrawCancel");
        String gid = this.dtm.newGid();
        RestClient rest = RestClient.create();
        String query = "?gid=" + gid + "&trans_type=tcc&branch_id=01&op=";
        HttpStatusCode cancel = rest.post()
            .uri(this.world.out("/tccWithdrawCancel") + query + "cancel")
            .body(BankRequest.of(9))
            .retrieve()
            .toBodilessEntity()
            .getStatusCode();
        HttpStatusCode lateTry = rest.post()
            .uri(this.world.out("/tccWithdrawTry") + query + "try")
            .body(BankRequest.of(9))
            .retrieve()
            .toBodilessEntity()
            .getStatusCode();
        assertThat(cancel.value()).isEqualTo(200);
        assertThat(lateTry.value()).isEqualTo(200);
        assertThat(this.world.ran(this.world.bankOutUrl, "tccWithdrawCancel")).isEqualTo(cancels);
        assertThat(this.world.ran(this.world.bankOutUrl, "tccWithdrawTry")).isEqualTo(tries);
        assertThat(this.world.frozen(this.world.bankOutUrl)).isEqualTo(frozen);
    }

    @Test
    void aTryIsRepliedWithDtmStatusCodes() {
        RestClient rest = RestClient.create();
        String query = "?gid=" + this.dtm.newGid() + "&trans_type=tcc&branch_id=01&op=try";
        var failure = rest.post()
            .uri(this.world.in("/tccDepositTry") + query)
            .body(BankRequest.of(1).result("FAILURE"))
            .exchange((request, response) -> new Object[] { response.getStatusCode().value(),
                    new String(response.getBody().readAllBytes()) });
        assertThat(failure[0]).isEqualTo(409);
        assertThat((String) failure[1]).contains("\"dtm_result\":\"FAILURE\"").contains("forced failure");
        var ongoing = rest.post()
            .uri(this.world.in("/tccDepositTry") + query.replace("branch_id=01", "branch_id=02"))
            .body(BankRequest.of(1).result("ONGOING"))
            .exchange((request, response) -> new Object[] { response.getStatusCode().value(),
                    new String(response.getBody().readAllBytes()) });
        assertThat(ongoing[0]).isEqualTo(425);
        assertThat((String) ongoing[1]).contains("\"dtm_result\":\"ONGOING\"");
        var error = rest.post()
            .uri(this.world.in("/tccDepositTry") + query.replace("branch_id=01", "branch_id=03"))
            .body(BankRequest.of(1).result("ERROR"))
            .exchange((request, response) -> new Object[] { response.getStatusCode().value(),
                    new String(response.getBody().readAllBytes()) });
        assertThat(error[0]).isEqualTo(500);
        assertThat((String) error[1]).isEqualTo("{\"message\":\"forced error\"}");
    }

}
