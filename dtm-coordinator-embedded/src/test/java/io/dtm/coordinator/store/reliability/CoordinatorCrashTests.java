package io.dtm.coordinator.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.dtm.coordinator.store.TestStores;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.coordinator.store.reliability.BusiRecorder.Reply;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransStatus;

/**
 * A coordinator in a separate JVM is killed with SIGKILL in the middle of a burst of
 * sagas, while one branch call is in flight (its business effect committed, its reply
 * never delivered); a new coordinator on the same MariaDB database finishes every
 * transaction. The business applies each action inside a barrier (a unique row per gid,
 * branch_id and op in the same local transaction as the effect), so repeated calls are
 * harmless, and the test checks that every step took effect exactly once.
 */
class CoordinatorCrashTests {

    private static final String DATABASE = "dtm_test_crash";

    private static final int TRANSACTIONS = 40;

    private static final int STEPS = 3;

    /** The call that hangs until the coordinator is dead. */
    private static final int HANGING_CALL = 45;

    @Test
    void killedCoordinatorMidBurstIsReplacedAndEveryStepAppliesExactlyOnce() throws Exception {
        String url = "jdbc:mariadb://" + TestStores.MYSQL_HOST + "/" + DATABASE;
        TestStores.mysqlStore(DATABASE, "mariadb", 2).close(); // fresh database with
                                                               // dtm's tables
        DataSource busiDb = new DriverManagerDataSource(url, TestStores.mysqlUser(), TestStores.mysqlPassword());
        JdbcTemplate jdbc = new JdbcTemplate(busiDb);
        jdbc.execute("CREATE TABLE barrier (gid varchar(128) NOT NULL, branch_id varchar(128) NOT NULL, "
                + "op varchar(45) NOT NULL, PRIMARY KEY (gid, branch_id, op))");
        jdbc.execute("CREATE TABLE applied (gid varchar(128) NOT NULL PRIMARY KEY, steps int NOT NULL)");

        String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        AtomicInteger calls = new AtomicInteger();
        Map<String, AtomicInteger> callsPerBranch = new ConcurrentHashMap<>();
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        Process child = null;
        Replica successor = null;
        try (BusiRecorder busi = new BusiRecorder(q -> {
            String gid = q.get("gid");
            callsPerBranch.computeIfAbsent(gid + " " + q.get("branch_id") + "/" + q.get("op"), k -> new AtomicInteger())
                .incrementAndGet();
            if (!"action".equals(q.get("op"))) {
                return Reply.FAILURE; // no saga here rolls back
            }
            applyInBarrier(busiDb, gid, q.get("branch_id"));
            int n = calls.incrementAndGet();
            if (n % 7 == 0) {
                return Reply.ERROR; // a retry pending at the crash
            }
            if (n == HANGING_CALL) {
                hanging.countDown();
                awaitQuietly(killed);
            }
            return Reply.SUCCESS;
        })) {
            String busiUrl = busi.url("").replaceAll("/$", "");
            child = startChild(url, prefix, busiUrl);
            CountDownLatch submitted = new CountDownLatch(1);
            readOutput(child, submitted);
            assertThat(submitted.await(90, TimeUnit.SECONDS)).as("the child coordinator submitted its burst").isTrue();
            assertThat(hanging.await(90, TimeUnit.SECONDS)).as("the burst reached call " + HANGING_CALL).isTrue();

            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            killed.countDown();
            int callsAtCrash = calls.get();

            successor = new Replica(JdbcStoreFactory.create(JdbcDialect.MYSQL, url, TestStores.mysqlUser(),
                    TestStores.mysqlPassword(), 8, false), Replica.settings());
            TransStore store = successor.store;
            List<String> gids = new ArrayList<>();
            for (int i = 0; i < TRANSACTIONS; i++) {
                gids.add(prefix + i);
            }
            await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> gids.stream()
                    .allMatch(g -> store.findGlobal(g).map(t -> t.getStatus().isFinished()).orElse(false)));

            assertThat(callsAtCrash).as("the crash came in the middle of the burst").isLessThan(TRANSACTIONS * STEPS);
            for (String gid : gids) {
                assertThat(store.findGlobal(gid).orElseThrow().getStatus()).as(gid).isEqualTo(TransStatus.SUCCEED);
                assertThat(store.findBranches(gid)).extracting((b) -> b.getStatus().wireName())
                    .as(gid)
                    .containsExactly("prepared", "succeed", "prepared", "succeed", "prepared", "succeed");
                Integer applied = jdbc.queryForObject("SELECT steps FROM applied WHERE gid = ?", Integer.class, gid);
                assertThat(applied).as("steps applied for " + gid).isEqualTo(STEPS);
            }
            // the call that hung was answered to nobody, so its branch was called again;
            // the barrier kept it single
            assertThat(callsPerBranch.values().stream().anyMatch(c -> c.get() > 1)).as("some branch was repeated")
                .isTrue();
        }
        finally {
            killed.countDown();
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
            }
            if (successor != null) {
                successor.close();
            }
        }
    }

    /**
     * The business: effect and barrier row in one local transaction; a repeated call
     * changes nothing.
     */
    private static void applyInBarrier(DataSource db, String gid, String branchId) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int inserted;
            try (PreparedStatement ps = c
                .prepareStatement("INSERT IGNORE INTO barrier (gid, branch_id, op) VALUES (?, ?, 'action')")) {
                ps.setString(1, gid);
                ps.setString(2, branchId);
                inserted = ps.executeUpdate();
            }
            if (inserted == 1) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO applied (gid, steps) VALUES (?, 1) ON DUPLICATE KEY UPDATE steps = steps + 1")) {
                    ps.setString(1, gid);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Process startChild(String url, String prefix, String busiUrl) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String password = TestStores.mysqlPassword().isEmpty() ? "-" : TestStores.mysqlPassword();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashCoordinatorMain.class.getName(), url,
                TestStores.mysqlUser(), password, prefix, String.valueOf(TRANSACTIONS), String.valueOf(STEPS), busiUrl);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /**
     * Drains the child's output (so it never blocks on a full pipe) and signals its "all
     * submitted" line.
     */
    private static void readOutput(Process child, CountDownLatch submitted) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.contains(CrashCoordinatorMain.SUBMITTED)) {
                        submitted.countDown();
                    }
                }
            }
            catch (IOException ignored) {
                // the child was killed
            }
        }, "crash-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
