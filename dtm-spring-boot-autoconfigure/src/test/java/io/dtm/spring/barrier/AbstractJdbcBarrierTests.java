package io.dtm.spring.barrier;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.dtm.protocol.DtmDuplicatedException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The branch barrier's cases (docs/protocol.md#branch-barrier), run on each database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractJdbcBarrierTests {

    private final HikariDataSource dataSource;

    private final JdbcBarrier barrier;

    private final JdbcTemplate jdbc;

    private final AtomicInteger ran = new AtomicInteger();

    AbstractJdbcBarrierTests(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.barrier = new JdbcBarrier(JdbcBarrier.DEFAULT_TABLE, dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        new BarrierSchemaInitializer(this.barrier, dataSource).initialize();
        this.jdbc
            .execute("CREATE TABLE IF NOT EXISTS barrier_test_account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
    }

    /**
     * Whether an insert of a key another transaction holds uncommitted waits for it
     * (MariaDB, PostgreSQL) rather than failing at once (H2, where the barrier answers
     * ONGOING).
     */
    boolean insertsWaitForLocks() {
        return true;
    }

    /** Whether some session is waiting for a row lock right now. */
    abstract boolean someoneWaitsForALock(Thread waiter);

    @BeforeEach
    void reset() {
        this.jdbc.update("DELETE FROM barrier_test_account");
        this.jdbc.update("INSERT INTO barrier_test_account (id, balance) VALUES (1, 100)");
        this.ran.set(0);
    }

    @AfterAll
    void close() {
        this.dataSource.close();
    }

    private static String gid() {
        return "bt-" + UUID.randomUUID();
    }

    protected JdbcTemplate jdbc() {
        return this.jdbc;
    }

    private void call(String transType, String gid, String op, long delta) {
        String branchId = "msg".equals(op) ? "00" : "01";
        this.barrier.call(BranchBarrier.of(transType, gid, branchId, op), this.dataSource, (tx) -> {
            tx.update("UPDATE barrier_test_account SET balance = balance + ? WHERE id = 1", delta);
            this.ran.incrementAndGet();
        });
    }

    private long balance() {
        return this.jdbc.queryForObject("SELECT balance FROM barrier_test_account WHERE id = 1", Long.class);
    }

    @Test
    void listenersAreToldWhatTheBarrierDecided() {
        List<String> decisions = new CopyOnWriteArrayList<>();
        this.barrier.addListener((op, outcome) -> decisions.add(op + " " + outcome));
        String gid = gid();
        call("saga", gid, "action", -10);
        call("saga", gid, "action", -10);
        String late = gid();
        call("saga", late, "compensate", 10);
        call("saga", late, "action", -10);
        assertThat(decisions).containsExactly("action APPLIED", "action DUPLICATE", "compensate EMPTY_COMPENSATION",
                "action HANGING_REFUSED");
    }

    @Test
    void dialectIsChosenFromTheDataSource() {
        assertThat(this.barrier.dialect(this.dataSource)).isNotNull();
    }

    @Test
    void tryThenConfirmRunBoth() {
        String gid = gid();
        call("tcc", gid, "try", -10);
        call("tcc", gid, "confirm", 0);
        assertThat(this.ran).hasValue(2);
        assertThat(balance()).isEqualTo(90);
    }

    @Test
    void duplicateConfirmRunsTheBusinessOnce() {
        String gid = gid();
        call("tcc", gid, "try", 0);
        call("tcc", gid, "confirm", 5);
        call("tcc", gid, "confirm", 5);
        assertThat(this.ran).hasValue(2);
        assertThat(balance()).isEqualTo(105);
    }

    @Test
    void cancelBeforeTryIsANullCompensationAndTheLateTryIsANoOp() {
        String gid = gid();
        call("tcc", gid, "cancel", 10);
        call("tcc", gid, "try", -10);
        assertThat(this.ran).hasValue(0);
        assertThat(balance()).isEqualTo(100);
    }

    @Test
    void sagaCompensationAfterItsActionRuns() {
        String gid = gid();
        call("saga", gid, "action", -30);
        call("saga", gid, "compensate", 30);
        call("saga", gid, "compensate", 30);
        assertThat(this.ran).hasValue(2);
        assertThat(balance()).isEqualTo(100);
    }

    @Test
    void aHandlerThrowingInsideTheBarrierRollsBackItsRowSoTheRetryRuns() {
        String gid = gid();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(
                () -> this.barrier.call(BranchBarrier.of("saga", gid, "01", "action"), this.dataSource, (tx) -> {
                    tx.update("UPDATE barrier_test_account SET balance = balance - 30 WHERE id = 1");
                    throw new IllegalStateException("boom");
                }));
        assertThat(balance()).isEqualTo(100);
        call("saga", gid, "action", -30);
        assertThat(this.ran).hasValue(1);
        assertThat(balance()).isEqualTo(70);
    }

    @Test
    void theBarrierJoinsTheCallersTransaction() {
        String gid = gid();
        TransactionTemplate outer = new TransactionTemplate(new JdbcTransactionManager(this.dataSource));
        outer.executeWithoutResult((status) -> {
            call("saga", gid, "action", -30);
            status.setRollbackOnly();
        });
        assertThat(balance()).isEqualTo(100);
        call("saga", gid, "action", -30);
        assertThat(this.ran).hasValue(2);
        assertThat(balance()).isEqualTo(70);
    }

    @Test
    void msgBackCheckAfterTheLocalCommitSaysSuccess() {
        String gid = gid();
        call("msg", gid, "msg", -1);
        this.barrier.queryPrepared(gid, this.dataSource);
        assertThat(balance()).isEqualTo(99);
    }

    @Test
    void msgBackCheckBeforeTheLocalCommitMakesItDuplicated() {
        String gid = gid();
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.barrier.queryPrepared(gid, this.dataSource));
        assertThatExceptionOfType(DtmDuplicatedException.class).isThrownBy(() -> call("msg", gid, "msg", -1));
        assertThat(this.ran).hasValue(0);
        assertThat(balance()).isEqualTo(100);
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> this.barrier.queryPrepared(gid, this.dataSource));
    }

    @Test
    void msgBackCheckRacingTheLocalCommitWaitsForItAndSaysSuccess() throws Exception {
        String gid = gid();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> business = CompletableFuture
            .runAsync(() -> this.barrier.call(BranchBarrier.of("msg", gid, "00", "msg"), this.dataSource, (tx) -> {
                tx.update("UPDATE barrier_test_account SET balance = balance - 7 WHERE id = 1");
                inserted.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).isTrue();
        if (!insertsWaitForLocks()) {
            try {
                assertThatExceptionOfType(DtmOngoingException.class)
                    .isThrownBy(() -> this.barrier.queryPrepared(gid, this.dataSource));
            }
            finally {
                release.countDown();
            }
            business.get(30, TimeUnit.SECONDS);
            this.barrier.queryPrepared(gid, this.dataSource);
            assertThat(balance()).isEqualTo(93);
            return;
        }
        Thread[] checker = new Thread[1];
        CompletableFuture<Void> backCheck = CompletableFuture.runAsync(() -> {
            checker[0] = Thread.currentThread();
            this.barrier.queryPrepared(gid, this.dataSource);
        });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> checker[0] != null && someoneWaitsForALock(checker[0]));
            assertThat(backCheck).isNotDone();
        }
        finally {
            release.countDown();
        }
        business.get(30, TimeUnit.SECONDS);
        backCheck.get(30, TimeUnit.SECONDS);
        assertThat(balance()).isEqualTo(93);
    }

    @Test
    void aBarrierWithoutGidIsRefusedWithAClearMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> BranchBarrier.of("saga", "", "01", "action"))
            .withMessageContaining("missing: gid");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.barrier.call((tx) -> {
        })).withMessageContaining("No dtm transaction is bound");
    }

}
