package io.dtm.test;

import static io.dtm.test.DtmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.dtm.fixture.bank.Accounts;
import io.dtm.fixture.bank.Move;
import io.dtm.fixture.bank.TestBankApplication;
import io.dtm.spring.client.DtmClient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A message's delay and back-check happen when the test moves time, not before. */
@SpringBootTest(classes = TestBankApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DtmTest
class MessageVirtualTimeTests {

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    DtmClient client;

    @Autowired
    Accounts accounts;

    @LocalServerPort
    int port;

    @BeforeEach
    void resetAccounts() {
        this.accounts.reset();
    }

    @Test
    void aDelayedMessageRunsItsStepOnlyOnceTheDelayHasPassed() {
        this.client.msg().add(bank("TransIn"), new Move(2, 30)).delay(Duration.ofSeconds(30)).submit();

        this.dtm.advance(Duration.ofSeconds(29));
        assertThat(this.dtm.lastTransaction()).hasStatus("submitted").hasCalls();

        this.dtm.advance(Duration.ofSeconds(2));
        assertThat(this.dtm.lastTransaction()).succeeded().hasCalls("TransIn");
        assertThat(this.accounts.balance(2)).isEqualTo(10030);
    }

    @Test
    void aPreparedMessageIsBackCheckedWhenItTimesOut() {
        this.client.msg()
            .add(bank("TransIn"), new Move(2, 30))
            .timeoutToFail(Duration.ofSeconds(35))
            .prepare(bank("QueryPrepared"));

        this.dtm.advance(Duration.ofSeconds(34));
        assertThat(this.dtm.lastTransaction()).hasStatus("prepared").hasCalls();

        this.dtm.advance(Duration.ofSeconds(2));
        assertThat(this.dtm.lastTransaction()).succeeded().hasCalls("QueryPrepared", "TransIn");
    }

    private String bank(String path) {
        return "http://localhost:" + this.port + "/api/bank/" + path;
    }

}
