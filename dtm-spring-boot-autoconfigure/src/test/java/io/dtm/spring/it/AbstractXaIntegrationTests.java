package io.dtm.spring.it;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.client.DtmClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * XA across two branches on one participant whose DataSource is a real XA-capable
 * database; the initiator and coordinator are those of {@link H2World}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractXaIntegrationTests {

    private final H2World world = H2World.get();

    private final DtmClient dtm = this.world.client();

    private ConfigurableApplicationContext participant;

    private String participantUrl;

    private JdbcTemplate jdbc;

    abstract String[] dataSourceProperties();

    /** Fails with a clear message if the database is not set up for XA. */
    void checkDatabase(JdbcTemplate jdbc) {
    }

    /** The xids of branches prepared but not yet committed or rolled back. */
    abstract List<String> preparedXids(JdbcTemplate jdbc);

    @BeforeAll
    void start() {
        int port = Apps.freePort();
        this.participantUrl = "http://localhost:" + port;
        String[] common = { "dtm.server=" + this.world.server, "dtm.barrier.initialize-schema=always",
                "bank.table=xa_bank_account" };
        String[] properties = new String[common.length + dataSourceProperties().length];
        System.arraycopy(common, 0, properties, 0, common.length);
        System.arraycopy(dataSourceProperties(), 0, properties, common.length, dataSourceProperties().length);
        this.participant = Apps.start(getClass().getSimpleName(), port, properties);
        this.jdbc = new JdbcTemplate(this.participant.getBean(DataSource.class));
        checkDatabase(this.jdbc);
    }

    @AfterAll
    void stop() {
        if (this.participant != null) {
            this.participant.close();
        }
    }

    private long balance(int account) {
        return this.jdbc.queryForObject("SELECT balance FROM xa_bank_account WHERE id = ?", Long.class, account);
    }

    private String bank(String path) {
        return this.participantUrl + "/api/bank" + path;
    }

    @Test
    void xaCommitsEveryBranch() {
        long from = balance(1);
        long to = balance(2);
        String gid = this.dtm.xaGlobal((xa) -> {
            xa.callBranch(BankRequest.of(30).account(1), bank("/xaWithdraw"));
            xa.callBranch(BankRequest.of(30).account(2), bank("/xaDeposit"));
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "succeed"::equals);
        assertThat(this.world.branchStatuses(gid)).containsExactly("prepared", "succeed", "prepared", "succeed");
        assertThat(balance(1)).isEqualTo(from - 30);
        assertThat(balance(2)).isEqualTo(to + 30);
        assertThat(preparedXids(this.jdbc)).noneMatch((xid) -> xid.startsWith(gid));
        // a repeated commit is tolerated
        int status = RestClient.create()
            .post()
            .uri(this.participantUrl + "/dtm/xa/phase2?gid=" + gid + "&trans_type=xa&branch_id=01&op=commit")
            .exchange((request, response) -> response.getStatusCode().value());
        assertThat(status).isEqualTo(200);
    }

    @Test
    void xaRollsBackThePreparedBranchWhenAnotherFails() {
        long from = balance(1);
        long to = balance(2);
        String gid = this.dtm.newGid();
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> this.dtm.xaGlobal(gid, (xa) -> {
            xa.callBranch(BankRequest.of(40).account(1), bank("/xaWithdraw"));
            xa.callBranch(BankRequest.of(40).account(2).result("FAILURE"), bank("/xaDeposit"));
        }));
        await().atMost(Duration.ofSeconds(20)).until(() -> this.world.status(gid), "failed"::equals);
        assertThat(balance(1)).isEqualTo(from);
        assertThat(balance(2)).isEqualTo(to);
        assertThat(preparedXids(this.jdbc)).noneMatch((xid) -> xid.startsWith(gid));
    }

    @Test
    void aRollbackBeforeTheBranchRanBlocksTheLateBranch() {
        long from = balance(1);
        String gid = this.dtm.newGid();
        RestClient rest = RestClient.create();
        int rollback = rest.post()
            .uri(this.participantUrl + "/dtm/xa/phase2?gid=" + gid + "&trans_type=xa&branch_id=01&op=rollback")
            .exchange((request, response) -> response.getStatusCode().value());
        assertThat(rollback).isEqualTo(200);
        int lateBranch = rest.post()
            .uri(bank("/xaWithdraw") + "?gid=" + gid + "&trans_type=xa&branch_id=01&op=action")
            .body(BankRequest.of(50).account(1))
            .exchange((request, response) -> response.getStatusCode().value());
        assertThat(lateBranch).isEqualTo(409);
        assertThat(balance(1)).isEqualTo(from);
        assertThat(preparedXids(this.jdbc)).noneMatch((xid) -> xid.startsWith(gid));
    }

}
