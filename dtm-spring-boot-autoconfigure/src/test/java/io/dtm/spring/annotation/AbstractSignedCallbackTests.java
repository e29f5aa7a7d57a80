package io.dtm.spring.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.protocol.DtmFailureException;
import io.dtm.spring.barrier.BranchBarrier;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.WorkflowOptions;
import io.dtm.spring.client.Workflows;

/**
 * Signing on end to end: the embedded coordinator signs with a new key and still lists
 * the old one; bank-out is mid-rotation (accepts the old and the new key), bank-in and
 * the initiator know only the new key, and every service verifies its annotated handlers
 * too. Saga, TCC, msg, workflow and XA (participants on MariaDB and PostgreSQL) run
 * through the starter; then the attacks on the built-in endpoints, refused. Each subclass
 * puts the coordinator's store elsewhere ({@link #storeProperties()}); the services of a
 * subclass start once for its tests and stop after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSignedCallbackTests {

    static final String NEW_KEY = "new-signing-key-0123456789";

    static final String OLD_KEY = "old-signing-key-0123456789";

    /**
     * The XA banks' database on MariaDB and schema on PostgreSQL (created if missing,
     * shared by the subclasses).
     */
    static final String XA_DATABASE = "dtm_sign_e2e_xa";

    static final String XA_TABLE = "signed_xa_account";

    private static final AtomicInteger accounts = new AtomicInteger(5000);

    private World w;

    private Transfers transfers;

    private DtmClient dtm;

    private final RestClient rest = RestClient.create();

    /**
     * The coordinator's store for this class: {@code dtm.coordinator.store.*} properties,
     * asked for once before the services start; a fresh database, schema or key prefix,
     * so that transactions of other tests or earlier runs never reach this coordinator's
     * pollers.
     */
    abstract String[] storeProperties();

    /** Cleans the store up after the services stopped. */
    void dropStore() {
    }

    /** Names this class's services and their H2 databases. */
    abstract String storeName();

    final class World {

        final ConfigurableApplicationContext initiator;

        final ConfigurableApplicationContext bankOut;

        final ConfigurableApplicationContext bankIn;

        final String initiatorUrl;

        final String bankOutUrl;

        final String bankInUrl;

        final String bankXaUrl;

        final String bankXaPgUrl;

        private final String server;

        private final String[] banks;

        private ConfigurableApplicationContext bankXa;

        private ConfigurableApplicationContext bankXaPg;

        World() {
            int initiatorPort = AnnotationWorld.freePort();
            int bankOutPort = AnnotationWorld.freePort();
            int bankInPort = AnnotationWorld.freePort();
            this.initiatorUrl = "http://localhost:" + initiatorPort;
            this.bankOutUrl = "http://localhost:" + bankOutPort;
            this.bankInUrl = "http://localhost:" + bankInPort;
            this.bankXaUrl = "http://localhost:" + AnnotationWorld.freePort();
            this.bankXaPgUrl = "http://localhost:" + AnnotationWorld.freePort();
            this.server = this.initiatorUrl + "/api/dtmsvr";
            this.banks = new String[] { "bank-out.url=" + this.bankOutUrl, "bank-in.url=" + this.bankInUrl,
                    "bank-xa.url=" + this.bankXaUrl, "bank-xa-pg.url=" + this.bankXaPgUrl };
            String name = "signed-" + storeName();
            List<String> initiator = new ArrayList<>(
                    List.of("dtm.coordinator.enabled=true", "dtm.coordinator.cron-interval=1s", "dtm.retry-interval=1s",
                            "dtm.coordinator.callback.signing-keys[0]=" + NEW_KEY,
                            "dtm.coordinator.callback.signing-keys[1]=" + OLD_KEY,
                            "dtm.coordinator.callback.allowed-urls[0]=http://localhost:*/**",
                            "dtm.callback.secrets[0]=" + NEW_KEY, "dtm.callback.verify=true"));
            initiator.addAll(List.of(storeProperties()));
            this.initiator = AnnotationWorld.start(name + "-initiator", initiatorPort, this.banks,
                    initiator.toArray(String[]::new));
            this.bankOut = AnnotationWorld.start(name + "-bank-out", bankOutPort, this.banks,
                    "dtm.server=" + this.server, "dtm.retry-interval=1s", "dtm.callback.secrets[0]=" + OLD_KEY,
                    "dtm.callback.secrets[1]=" + NEW_KEY, "dtm.callback.verify=true");
            this.bankIn = AnnotationWorld.start(name + "-bank-in", bankInPort, this.banks, "dtm.server=" + this.server,
                    "dtm.retry-interval=1s", "dtm.callback.secrets[0]=" + NEW_KEY, "dtm.callback.verify=true");
        }

        /** The XA bank on MariaDB, mid-rotation like bank-out; started on first use. */
        synchronized ConfigurableApplicationContext bankXa() {
            if (this.bankXa == null) {
                this.bankXa = startXaBank(this.bankXaUrl, "-bank-xa", SignedStores.mysqlDatabase(XA_DATABASE),
                        SignedStores.mysqlUser(), SignedStores.mysqlPassword());
            }
            return this.bankXa;
        }

        /**
         * The XA bank on PostgreSQL (which needs max_prepared_transactions > 0); started
         * on first use.
         */
        synchronized ConfigurableApplicationContext bankXaPg() {
            if (this.bankXaPg == null) {
                this.bankXaPg = startXaBank(this.bankXaPgUrl, "-bank-xa-pg", SignedStores.postgresSchema(XA_DATABASE),
                        SignedStores.pgUser(), SignedStores.pgPassword());
                Integer max = this.bankXaPg.getBean(JdbcTemplate.class)
                    .queryForObject("SHOW max_prepared_transactions", Integer.class);
                assertThat(max)
                    .as("PostgreSQL needs max_prepared_transactions > 0 for XA (scripts/services.sh sets it)")
                    .isPositive();
            }
            return this.bankXaPg;
        }

        private ConfigurableApplicationContext startXaBank(String url, String suffix, String jdbcUrl, String user,
                String password) {
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            ConfigurableApplicationContext bank = AnnotationWorld.start("signed-" + storeName() + suffix, port,
                    this.banks, "dtm.server=" + this.server, "dtm.retry-interval=1s",
                    "spring.datasource.url=" + jdbcUrl, "spring.datasource.username=" + user,
                    "spring.datasource.password=" + password, "spring.datasource.hikari.maximum-pool-size=4",
                    "dtm.barrier.initialize-schema=always", "bank.table=" + XA_TABLE,
                    "dtm.callback.secrets[0]=" + OLD_KEY, "dtm.callback.secrets[1]=" + NEW_KEY,
                    "dtm.callback.verify=true");
            // the accounts of earlier runs: the ids start again at each run
            bank.getBean(JdbcTemplate.class).update("DELETE FROM " + XA_TABLE);
            return bank;
        }

        void close() {
            for (ConfigurableApplicationContext service : new ConfigurableApplicationContext[] { this.bankXaPg,
                    this.bankXa, this.bankIn, this.bankOut, this.initiator }) {
                if (service != null) {
                    service.close();
                }
            }
        }

    }

    @BeforeAll
    void startServices() {
        this.w = new World();
        this.transfers = this.w.initiator.getBean(Transfers.class);
        this.dtm = this.w.initiator.getBean(DtmClient.class);
    }

    @AfterAll
    void stopServices() {
        try {
            if (this.w != null) {
                this.w.close();
                this.w = null;
            }
        }
        finally {
            dropStore();
        }
    }

    private int openAccount(ConfigurableApplicationContext service, long balance) {
        int id = accounts.incrementAndGet();
        service.getBean(JdbcTemplate.class)
            .update("INSERT INTO " + table(service) + " (id, balance, frozen) VALUES (?, ?, 0)", id, balance);
        return id;
    }

    private long balance(ConfigurableApplicationContext service, int account) {
        return service.getBean(JdbcTemplate.class)
            .queryForObject("SELECT balance FROM " + table(service) + " WHERE id = ?", Long.class, account);
    }

    private static String table(ConfigurableApplicationContext service) {
        return service.getEnvironment().getProperty("bank.table", "account");
    }

    private List<String> branches(String gid) {
        List<String> branches = new ArrayList<>();
        this.dtm.query(gid)
            .path("branches")
            .forEach((branch) -> branches.add(branch.path("branch_id").asString("") + ":"
                    + branch.path("op").asString("") + ":" + branch.path("status").asString("")));
        return branches;
    }

    /**
     * The XA branches of {@code gid} still prepared, neither committed nor rolled back,
     * at the XA bank.
     */
    private List<String> prepared(ConfigurableApplicationContext bank, String gid) {
        JdbcTemplate jdbc = bank.getBean(JdbcTemplate.class);
        List<String> xids = (bank == this.w.bankXaPg)
                ? jdbc.queryForList("SELECT gid FROM pg_prepared_xacts", String.class)
                : jdbc.query("XA RECOVER", (rs, row) -> rs.getString("data"));
        return xids.stream().filter((xid) -> xid.startsWith(gid)).toList();
    }

    private String status(String gid) {
        var transaction = this.dtm.query(gid).path("transaction");
        return transaction.isObject() ? transaction.path("status").asString("") : "";
    }

    private int barrierRows(ConfigurableApplicationContext service, String gid) {
        return service.getBean(JdbcTemplate.class)
            .queryForObject("SELECT COUNT(*) FROM dtm_barrier.barrier WHERE gid = ?", Integer.class, gid);
    }

    private ResponseEntity<String> post(String url, String body, String signature) {
        return this.rest.post().uri(url).contentType(MediaType.APPLICATION_JSON).headers((h) -> {
            if (signature != null) {
                h.set(CallbackSigner.HEADER, signature);
            }
        })
            .body(body)
            .exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                .body(new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private ResponseEntity<String> get(String url, String signature) {
        return this.rest.get().uri(url).headers((h) -> {
            if (signature != null) {
                h.set(CallbackSigner.HEADER, signature);
            }
        })
            .exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                .body(new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static String coordinatorSignature(String method, String url, String body) {
        return new CallbackSigner(List.of(NEW_KEY), () -> System.currentTimeMillis() / 1000).sign(method,
                java.net.URI.create(url), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sagaRunsWithSignedCallsThroughARotatingParticipant() {
        int out = openAccount(this.w.bankOut, 100);
        int in = openAccount(this.w.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.saga(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
        assertThat(balance(this.w.bankOut, out)).isEqualTo(70);
        assertThat(balance(this.w.bankIn, in)).isEqualTo(30);
    }

    @Test
    void tccTriesSignedByTheInitiatorAndConfirmsByTheCoordinator() {
        int out = openAccount(this.w.bankOut, 100);
        int in = openAccount(this.w.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.tcc(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
        assertThat(balance(this.w.bankOut, out)).isEqualTo(70);
        assertThat(balance(this.w.bankIn, in)).isEqualTo(30);
    }

    @Test
    void msgStepsAndTheSignedBackCheckResolveACrashedInitiator() {
        int in = openAccount(this.w.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        int local = openAccount(this.w.initiator, 100);
        this.transfers.msg(local, Transfer.of(in, 40), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
        assertThat(balance(this.w.bankIn, in)).isEqualTo(40);

        // prepared, local work committed, then the initiator "dies": only the
        // coordinator's back-check can finish it
        String crashed = this.dtm.newGid();
        Msg msg = this.dtm.msg(crashed)
            .add(this.w.bankInUrl + "/bank/deposit", Transfer.of(in, 25))
            .timeoutToFail(Duration.ofSeconds(1));
        msg.prepare(this.w.initiatorUrl + "/dtm/msg/query-prepared");
        DataSource db = this.w.initiator.getBean(DataSource.class);
        this.w.initiator.getBean(JdbcBarrier.class)
            .call(BranchBarrier.of("msg", crashed, "00", "msg"), db,
                    (jdbc) -> jdbc.queryForObject("SELECT 1", Integer.class));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(crashed), "succeed"::equals);
        assertThat(balance(this.w.bankIn, in)).isEqualTo(65);
    }

    @Test
    void aWorkflowIsResumedBySignedCallWithItsStoredData() {
        Workflows workflows = this.w.initiator.getBean(Workflows.class);
        int out = openAccount(this.w.bankOut, 100);
        AtomicInteger crashes = new AtomicInteger(1);
        AtomicReference<String> seen = new AtomicReference<>();
        String name = "signed-resume-" + out;
        workflows.register(name, Transfer.class, (wf, transfer) -> {
            seen.set(transfer.account() + ":" + transfer.amount());
            wf.newBranch();
            wf.callBranch(this.w.bankOutUrl + "/bank/withdraw", transfer);
            if (crashes.getAndDecrement() > 0) {
                throw new IllegalStateException("process died");
            }
            return "done";
        }, new WorkflowOptions().timeoutToFail(Duration.ofSeconds(2)).retryInterval(Duration.ofSeconds(1)));
        String gid = this.dtm.newGid();
        try {
            workflows.execute(name, gid, Transfer.of(out, 20));
        }
        catch (IllegalStateException expected) {
            // the crash
        }
        seen.set(null);
        await().atMost(Duration.ofSeconds(40)).until(() -> status(gid), "succeed"::equals);
        assertThat(seen.get()).isEqualTo(out + ":20");
        assertThat(balance(this.w.bankOut, out)).isEqualTo(80);
    }

    @Test
    void xaOnMariaDbCommitsThroughSignedPhase2() {
        ConfigurableApplicationContext bank = this.w.bankXa();
        int out = openAccount(bank, 100);
        int in = openAccount(bank, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.xa(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
        assertThat(branches(gid.get())).containsExactlyInAnyOrder("01:rollback:prepared", "01:commit:succeed",
                "02:rollback:prepared", "02:commit:succeed");
        assertThat(balance(bank, out)).isEqualTo(70);
        assertThat(balance(bank, in)).isEqualTo(30);
        CallLog log = bank.getBean(CallLog.class);
        assertThat(log.ran(gid.get())).containsExactly("xaWithdraw", "xaDeposit");
        // the branches signed by the initiator, both commits by the coordinator, and
        // nothing unsigned
        assertThat(log.received(gid.get())).containsExactlyInAnyOrder("xaWithdraw", "xaDeposit", "phase2", "phase2");
        assertThat(log.signed(gid.get())).containsExactlyInAnyOrderElementsOf(log.received(gid.get()));
        assertThat(prepared(bank, gid.get())).isEmpty();
    }

    @Test
    void xaOnMariaDbRollsBackThroughSignedPhase2() {
        ConfigurableApplicationContext bank = this.w.bankXa();
        int out = openAccount(bank, 100);
        int in = openAccount(bank, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.transfers.xa(Transfer.of(out, 30), Transfer.of(in, 30).fail("FAILURE"), gid))
            .withMessageContaining("forced failure of xaDeposit");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "failed"::equals);
        assertThat(branches(gid.get())).contains("01:rollback:succeed");
        CallLog log = bank.getBean(CallLog.class);
        assertThat(log.received(gid.get())).containsExactly("xaWithdraw", "xaDeposit", "phase2");
        assertThat(log.signed(gid.get())).containsExactly("xaWithdraw", "xaDeposit", "phase2");
        assertThat(prepared(bank, gid.get())).isEmpty();
        assertThat(balance(bank, out)).isEqualTo(100);
        assertThat(balance(bank, in)).isZero();
    }

    @Test
    void xaAcrossPostgresAndMariaDbCommitsThroughSignedPhase2() {
        ConfigurableApplicationContext pg = this.w.bankXaPg();
        ConfigurableApplicationContext maria = this.w.bankXa();
        int out = openAccount(pg, 100);
        int in = openAccount(maria, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.xaAcross(Transfer.of(out, 45), Transfer.of(in, 45), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
        assertThat(branches(gid.get())).containsExactlyInAnyOrder("01:rollback:prepared", "01:commit:succeed",
                "02:rollback:prepared", "02:commit:succeed");
        assertThat(balance(pg, out)).isEqualTo(55);
        assertThat(balance(maria, in)).isEqualTo(45);
        assertThat(pg.getBean(CallLog.class).signed(gid.get())).containsExactly("xaWithdraw", "phase2");
        assertThat(pg.getBean(CallLog.class).received(gid.get())).containsExactly("xaWithdraw", "phase2");
        assertThat(maria.getBean(CallLog.class).signed(gid.get())).containsExactly("xaDeposit", "phase2");
        assertThat(maria.getBean(CallLog.class).received(gid.get())).containsExactly("xaDeposit", "phase2");
        assertThat(prepared(pg, gid.get())).isEmpty();
        assertThat(prepared(maria, gid.get())).isEmpty();
    }

    @Test
    void xaAcrossPostgresAndMariaDbRollsBackThePostgresBranchThroughSignedPhase2() {
        ConfigurableApplicationContext pg = this.w.bankXaPg();
        ConfigurableApplicationContext maria = this.w.bankXa();
        int out = openAccount(pg, 100);
        int in = openAccount(maria, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.transfers.xaAcross(Transfer.of(out, 45), Transfer.of(in, 45).fail("FAILURE"), gid))
            .withMessageContaining("forced failure of xaDeposit");
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "failed"::equals);
        assertThat(branches(gid.get())).contains("01:rollback:succeed");
        assertThat(pg.getBean(CallLog.class).signed(gid.get())).containsExactly("xaWithdraw", "phase2");
        assertThat(pg.getBean(CallLog.class).received(gid.get())).containsExactly("xaWithdraw", "phase2");
        assertThat(prepared(pg, gid.get())).isEmpty();
        assertThat(balance(pg, out)).isEqualTo(100);
        assertThat(balance(maria, in)).isZero();
        assertThat(maria.getBean(CallLog.class).ran(gid.get())).isEmpty();
    }

    @Test
    void anUnsignedPhase2IsRefusedAndLeavesThePreparedBranch() {
        // a branch left prepared: its initiator "died" before it submitted or aborted
        ConfigurableApplicationContext bank = this.w.bankXa();
        int out = openAccount(bank, 100);
        String gid = this.dtm.newGid();
        assertThat(this.dtm.xaGlobal(gid, (xa) -> {
            xa.callBranch(Transfer.of(out, 10), this.w.bankXaUrl + "/bank/xaWithdraw");
            String phase2 = this.w.bankXaUrl + "/dtm/xa/phase2?gid=" + gid + "&trans_type=xa&branch_id=01&op=commit";
            assertThat(post(phase2, "", null).getStatusCode().value()).isEqualTo(401);
            assertThat(prepared(bank, gid)).hasSize(1);
        })).isEqualTo(gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid), "succeed"::equals);
        assertThat(balance(bank, out)).isEqualTo(90);
        assertThat(prepared(bank, gid)).isEmpty();
    }

    @Test
    void anUnsignedResumeIsRefusedAndRunsNothing() {
        Workflows workflows = this.w.initiator.getBean(Workflows.class);
        int out = openAccount(this.w.bankOut, 10_000);
        AtomicInteger runs = new AtomicInteger();
        String name = "steal-" + out;
        workflows.register(name, Transfer.class, (wf, transfer) -> {
            runs.incrementAndGet();
            return null;
        });
        String gid = "attacker-" + out;
        String url = this.w.initiatorUrl + "/dtm/workflow/resume?gid=" + gid + "&trans_type=workflow&branch_id=00&op="
                + name;
        String body = "{\"account\":" + out + ",\"amount\":5000}";
        ResponseEntity<String> reply = post(url, body, null);
        assertThat(reply.getStatusCode().value()).isEqualTo(401);
        assertThat(reply.getBody()).contains("\"message\"").contains("not signed");
        // a valid signature does not help a gid the coordinator holds no workflow for:
        // the body is never used
        assertThat(post(url, body, coordinatorSignature("POST", url, body)).getStatusCode().value()).isEqualTo(404);
        assertThat(runs).hasValue(0);
        assertThat(status(gid)).isEmpty();
    }

    @Test
    void anUnsignedXaRollbackIsRefusedAndChangesNothing() {
        String gid = this.dtm.newGid();
        ResponseEntity<String> reply = post(
                this.w.bankOutUrl + "/dtm/xa/phase2?gid=" + gid + "&trans_type=xa&branch_id=01&op=rollback", "", null);
        assertThat(reply.getStatusCode().value()).isEqualTo(401);
        assertThat(barrierRows(this.w.bankOut, gid)).isZero();
    }

    @Test
    void anUnsignedQueryPreparedCannotBlockAFutureMessage() {
        String gid = this.dtm.newGid();
        ResponseEntity<String> reply = get(
                this.w.initiatorUrl + "/dtm/msg/query-prepared?gid=" + gid + "&trans_type=msg&branch_id=00&op=msg",
                null);
        assertThat(reply.getStatusCode().value()).isEqualTo(401);
        assertThat(barrierRows(this.w.initiator, gid)).isZero();
    }

    @Test
    void aReplayedSignedCallIsRefused() {
        int in = openAccount(this.w.bankIn, 0);
        AtomicReference<String> gid = new AtomicReference<>();
        this.transfers.msg(openAccount(this.w.initiator, 100), Transfer.of(in, 1), gid);
        String path = "/dtm/msg/query-prepared?gid=" + gid.get() + "&trans_type=msg&branch_id=00&op=msg";
        String signature = coordinatorSignature("GET", this.w.initiatorUrl + path, "");
        assertThat(get(this.w.initiatorUrl + path, signature).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> replay = get(this.w.initiatorUrl + path, signature);
        assertThat(replay.getStatusCode().value()).isEqualTo(401);
        assertThat(replay.getBody()).contains("replay");
    }

    @Test
    void anUnsignedCallToAVerifiedHandlerIsRefusedAndRunsNothing() {
        int out = openAccount(this.w.bankOut, 100);
        String url = this.w.bankOutUrl + "/bank/withdraw?gid=forged-" + out + "&trans_type=saga&branch_id=01&op=action";
        String body = "{\"account\":" + out + ",\"amount\":100,\"fail\":null,\"next\":0}";
        ResponseEntity<String> unsigned = post(url, body, null);
        assertThat(unsigned.getStatusCode().value()).as(unsigned.getBody()).isEqualTo(401);
        // signed, but for another body
        assertThat(post(url, body, coordinatorSignature("POST", url, "{\"account\":1,\"amount\":1}")).getStatusCode()
            .value()).isEqualTo(401);
        assertThat(balance(this.w.bankOut, out)).isEqualTo(100);
        assertThat(barrierRows(this.w.bankOut, "forged-" + out)).isZero();
    }

    @Test
    void aForgedCallbackUrlIsRefusedAtSubmitAndNothingIsSigned() {
        String victim = this.dtm.newGid();
        String forged = this.w.bankOutUrl + "/dtm/xa/phase2?gid=" + victim + "&trans_type=xa&branch_id=01&op=rollback";
        for (String url : List.of(forged + "#", forged)) {
            String gid = this.dtm.newGid();
            String body = "{\"gid\":\"" + gid + "\",\"trans_type\":\"saga\",\"steps\":[{\"action\":\"" + url
                    + "\"}],\"payloads\":[\"\"]}";
            ResponseEntity<String> reply = post(this.w.server + "/submit", body, null);
            assertThat(reply.getStatusCode().value()).as(url).isEqualTo(400);
            assertThat(reply.getBody()).as(url).contains("steps[0].action");
            assertThat(status(gid)).isEmpty();
        }
        assertThat(barrierRows(this.w.bankOut, victim)).isZero();
    }

    @Test
    void aSignedCallSentWithAnotherGidOrToAnotherServiceIsRefused() {
        String phase2 = "/dtm/xa/phase2?gid=attacker-" + accounts.incrementAndGet()
                + "&trans_type=xa&branch_id=01&op=rollback";
        String signature = coordinatorSignature("POST", this.w.bankOutUrl + phase2, "");
        // bank-in holds the same key, but the call was signed for bank-out
        ResponseEntity<String> elsewhere = post(this.w.bankInUrl + phase2, "", signature);
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(401);
        assertThat(elsewhere.getBody()).contains("does not match");
        String victim = this.dtm.newGid();
        ResponseEntity<String> otherGid = post(
                this.w.bankOutUrl + phase2.replaceFirst("gid=attacker-\\d+", "gid=" + victim), "", signature);
        assertThat(otherGid.getStatusCode().value()).isEqualTo(401);
        ResponseEntity<String> repeated = post(this.w.bankOutUrl + phase2 + "&gid=" + victim, "", signature);
        assertThat(repeated.getStatusCode().value()).isEqualTo(401);
        assertThat(repeated.getBody()).contains("repeats the parameter gid");
        assertThat(barrierRows(this.w.bankOut, victim)).isZero();
    }

}
