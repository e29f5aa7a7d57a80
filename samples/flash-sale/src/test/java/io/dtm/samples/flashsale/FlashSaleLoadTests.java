package io.dtm.samples.flashsale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.dtm.samples.flashsale.FlashSale.Outcome;
import io.dtm.samples.flashsale.FlashSale.PurchaseNotStartedException;
import io.dtm.samples.flashsale.FlashSale.PurchaseUnconfirmedException;
import io.dtm.spring.autoconfigure.DtmProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The flash sale under load and faults, on MariaDB and Redis at 127.0.0.1: many buyers at
 * once on a few items; the order branch fails (500) for a stretch of the run; the
 * coordinator the application calls, one of two replicas (JVMs of their own on one
 * MariaDB store), is killed with SIGKILL in the middle of the traffic; the application
 * turns to the other replica and the killed one starts again. Then, within a bounded
 * wait, every message is finished and for each item stock sold equals orders created, the
 * stock never went below zero, and every buyer told "ordered" has an order.
 * <p>
 * {@code -Dflashsale.load=short} (the default, CI) or {@code full}
 * ({@code bash samples/flash-sale/run.sh}). The figures go to stdout and to
 * {@code target/flash-sale-load.md}.
 */
class FlashSaleLoadTests {

    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    private static final String ORDERS_DB = "dtm_flash_sale";

    private static final String STORE_DB = "dtm_flash_sale_dtm";

    private static final Duration BUYER_PATIENCE = Duration.ofSeconds(90);

    record Load(String name, int buyers, int items, int stockPerItem, int concurrency, double[] killsAt,
            double failFrom, double failTo, Duration drain) {

        static Load of(String name) {
            return switch (name) {
                case "full" ->
                    new Load("full", 3000, 5, 400, 48, new double[] { 0.3, 0.65 }, 0.1, 0.5, Duration.ofSeconds(120));
                case "short" ->
                    new Load("short", 300, 3, 70, 16, new double[] { 0.5 }, 0.1, 0.6, Duration.ofSeconds(60));
                default -> throw new IllegalArgumentException("flashsale.load must be short or full, not " + name);
            };
        }

    }

    @Test
    void stockSoldEqualsOrdersCreatedThroughACoordinatorKillAndAFailingOrderService() throws Exception {
        Load load = Load.of(System.getProperty("flashsale.load", "short"));
        recreateDatabase(ORDERS_DB);
        recreateDatabase(STORE_DB);
        Path target = Path.of("target");
        String prefix = "flashsale-load-" + System.nanoTime() + ":";
        long started = System.nanoTime();
        try (CoordinatorProcess first = new CoordinatorProcess("a", storeEnv(), target);
                CoordinatorProcess second = new CoordinatorProcess("b", storeEnv(), target)) {
            Replicas replicas = new Replicas(first, second);
            // the replicas' JVMs and the application start side by side (the store's
            // schema is
            // CREATE TABLE IF NOT EXISTS)
            CompletableFuture<Void> replicasUp = CompletableFuture.allOf(CompletableFuture.runAsync(() -> start(first)),
                    CompletableFuture.runAsync(() -> start(second)));
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlashSaleApplication.class).run(
                    "--server.port=0", "--server.address=127.0.0.1", "--spring.datasource.url=" + MARIADB + ORDERS_DB,
                    "--spring.datasource.username=dtm", "--spring.datasource.password=dtm",
                    "--spring.datasource.hikari.maximum-pool-size=20", "--dtm.server=" + first.url(),
                    "--dtm.timeout-to-fail=5s", "--dtm.retry-interval=1s", "--flashsale.redis-prefix=" + prefix,
                    "--logging.level.io.dtm=ERROR",
                    "--logging.level.org.mariadb.jdbc.message.server.ErrorPacket=OFF")) {
                replicasUp.get(5, TimeUnit.MINUTES);
                long ready = System.nanoTime();
                Result result = run(load, app, replicas);
                long elapsed = System.nanoTime() - started;
                String report = report(load, result, replicas, elapsed, ready - started);
                System.out.println(report);
                Files.createDirectories(target);
                Files.writeString(target.resolve("flash-sale-load.md"), report);
                verify(load, result, replicas);
            }
        }
    }

    private static void start(CoordinatorProcess coordinator) {
        try {
            coordinator.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Two coordinator replicas on one store; the application calls one of them. A kill
     * hits that one with SIGKILL, the application turns to the other (as a load balancer
     * does once the killed replica fails its health check) and the killed one starts
     * again in the background. Messages the killed replica was driving are finished by
     * the other one's recovery.
     */
    static final class Replicas {

        final CoordinatorProcess[] all;

        int serving;

        CompletableFuture<Void> restarting = CompletableFuture.completedFuture(null);

        Replicas(CoordinatorProcess first, CoordinatorProcess second) {
            this.all = new CoordinatorProcess[] { first, second };
        }

        void killServingAndFailOver(DtmProperties client) throws Exception {
            this.restarting.get(5, TimeUnit.MINUTES);
            CoordinatorProcess victim = this.all[this.serving];
            victim.kill();
            this.serving = 1 - this.serving;
            client.setServer(this.all[this.serving].url());
            this.restarting = CompletableFuture.runAsync(() -> start(victim));
        }

        int kills() {
            return this.all[0].kills() + this.all[1].kills();
        }

        String events() {
            List<String> events = new ArrayList<>();
            for (CoordinatorProcess replica : this.all) {
                events.addAll(replica.events());
            }
            return String.join(", ", events);
        }

    }

    private Result run(Load load, ConfigurableApplicationContext app, Replicas replicas) throws Exception {
        FlashSale sale = app.getBean(FlashSale.class);
        Stock stock = app.getBean(Stock.class);
        Orders orders = app.getBean(Orders.class);
        OrderFailures failures = app.getBean(OrderFailures.class);
        DtmProperties client = app.getBean(DtmProperties.class);
        for (long item = 1; item <= load.items(); item++) {
            stock.put(item, load.stockPerItem());
        }
        Result result = new Result();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService buyers = Executors.newFixedThreadPool(load.concurrency());
        ExecutorService chaos = Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        Future<?> stockWatch = chaos.submit(() -> watchStock(load, stock, result, answered));
        Future<?> faults = chaos.submit(() -> {
            int kill = 0;
            boolean failing = false;
            while (answered.get() < load.buyers()) {
                double done = (double) answered.get() / load.buyers();
                if (!failing && done >= load.failFrom() && done < load.failTo()) {
                    failures.failing(true);
                    failing = true;
                }
                if (failing && done >= load.failTo()) {
                    failures.failing(false);
                    failing = false;
                }
                if (kill < load.killsAt().length && done >= load.killsAt()[kill]) {
                    replicas.killServingAndFailOver(client);
                    kill++;
                }
                Thread.sleep(10);
            }
            failures.failing(false);
            return null;
        });
        List<Future<?>> purchases = new ArrayList<>();
        Random random = new Random(42);
        for (int buyer = 1; buyer <= load.buyers(); buyer++) {
            long user = buyer;
            long item = 1 + random.nextInt(load.items());
            purchases.add(buyers.submit(() -> {
                try {
                    buy(sale, user, item, result);
                    return null;
                }
                finally {
                    answered.incrementAndGet();
                }
            }));
        }
        for (Future<?> purchase : purchases) {
            purchase.get(5, TimeUnit.MINUTES);
        }
        result.buyingNanos = System.nanoTime() - start;
        faults.get(3, TimeUnit.MINUTES);
        stockWatch.get(1, TimeUnit.MINUTES);
        buyers.shutdown();
        chaos.shutdown();
        result.failedOrderCalls = failures.failed();
        long drainStart = System.nanoTime();
        await("every message finished and stock sold = orders created for every item").atMost(load.drain())
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> {
                assertThat(unfinishedMessages()).as("messages not finished").isEmpty();
                assertThat(orders.countByItem()).isEqualTo(sold(load, stock));
            });
        result.drainNanos = System.nanoTime() - drainStart;
        result.ordersByItem = orders.countByItem();
        result.soldByItem = sold(load, stock);
        result.messages = messagesByStatus();
        return result;
    }

    /** One buyer: tries again (bounded) while the coordinator cannot be reached. */
    private static void buy(FlashSale sale, long user, long item, Result result) throws InterruptedException {
        long deadline = System.nanoTime() + BUYER_PATIENCE.toNanos();
        while (true) {
            try {
                Outcome outcome = sale.buy(user, item);
                (outcome == Outcome.ORDERED ? result.ordered : result.soldOut).incrementAndGet();
                return;
            }
            catch (PurchaseNotStartedException ex) {
                result.retriedBeforeStart.incrementAndGet();
                if (System.nanoTime() > deadline) {
                    result.gaveUp.incrementAndGet();
                    return;
                }
                Thread.sleep(200);
            }
            catch (PurchaseUnconfirmedException ex) {
                result.orderedUnconfirmed.incrementAndGet();
                return;
            }
        }
    }

    private static Void watchStock(Load load, Stock stock, Result result, AtomicInteger answered)
            throws InterruptedException {
        while (answered.get() < load.buyers()) {
            for (long item = 1; item <= load.items(); item++) {
                long left = stock.left(item);
                result.minStock.accumulateAndGet(left, Math::min);
            }
            Thread.sleep(5);
        }
        return null;
    }

    private static Map<Long, Long> sold(Load load, Stock stock) {
        Map<Long, Long> sold = new TreeMap<>();
        for (long item = 1; item <= load.items(); item++) {
            long value = load.stockPerItem() - stock.left(item);
            if (value > 0) {
                sold.put(item, value);
            }
        }
        return sold;
    }

    private static void verify(Load load, Result result, Replicas replicas) {
        long sold = result.soldByItem.values().stream().mapToLong(Long::longValue).sum();
        long created = result.ordersByItem.values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.ordersByItem).as("orders per item = stock sold per item").isEqualTo(result.soldByItem);
        assertThat(created).as("orders created <= initial stock")
            .isLessThanOrEqualTo((long) load.items() * load.stockPerItem());
        assertThat(result.minStock.get()).as("lowest stock seen during the run").isGreaterThanOrEqualTo(0);
        assertThat(created).as("orders = buyers told ordered (and those whose submit failed after the deduction)")
            .isEqualTo(result.ordered.get() + result.orderedUnconfirmed.get());
        assertThat(result.gaveUp.get()).as("buyers who never got an answer").isZero();
        assertThat(result.ordered.get() + result.orderedUnconfirmed.get() + result.soldOut.get()).as("buyers answered")
            .isEqualTo(load.buyers());
        assertThat(replicas.kills()).as("coordinator kills").isEqualTo(load.killsAt().length);
        assertThat(result.failedOrderCalls).as("order calls failed on purpose").isPositive();
        assertThat(sold).isEqualTo(created);
    }

    private static String report(Load load, Result result, Replicas replicas, long elapsedNanos, long startupNanos) {
        long sold = result.soldByItem.values().stream().mapToLong(Long::longValue).sum();
        long created = result.ordersByItem.values().stream().mapToLong(Long::longValue).sum();
        return String.format(
                """
                        ## flash sale load (%s)

                        | buyers | concurrency | items x stock | sold | orders | told ordered | told sold out | lowest stock | coordinator kills | failed order calls | retries while the coordinator was down | messages | startup | buying | drain | total |
                        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                        | %d | %d | %d x %d | %d | %d | %d (+%d unconfirmed) | %d | %d | %d | %d | %d | %s | %.1f s | %.1f s | %.1f s | %.1f s |

                        coordinators (two replicas on one MariaDB store): %s
                        """,
                load.name(), load.buyers(), load.concurrency(), load.items(), load.stockPerItem(), sold, created,
                result.ordered.get(), result.orderedUnconfirmed.get(), result.soldOut.get(), result.minStock.get(),
                replicas.kills(), result.failedOrderCalls, result.retriedBeforeStart.get(), result.messages,
                startupNanos / 1e9, result.buyingNanos / 1e9, result.drainNanos / 1e9, elapsedNanos / 1e9,
                replicas.events());
    }

    private static Map<String, String> storeEnv() {
        return Map.of("DTM_COORDINATOR_STORE_TYPE", "mysql", "DTM_COORDINATOR_STORE_JDBC_URL", MARIADB + STORE_DB,
                "DTM_COORDINATOR_STORE_JDBC_USERNAME", "dtm", "DTM_COORDINATOR_STORE_JDBC_PASSWORD", "dtm",
                "DTM_COORDINATOR_STORE_JDBC_INITIALIZE_SCHEMA", "always");
    }

    private static void recreateDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(MARIADB, "dtm", "dtm");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
    }

    private static List<String> unfinishedMessages() throws SQLException {
        List<String> unfinished = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(MARIADB + STORE_DB, "dtm", "dtm");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT gid, status FROM trans_global WHERE status NOT IN ('succeed', 'failed') LIMIT 10")) {
            while (rows.next()) {
                unfinished.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return unfinished;
    }

    private static Map<String, Long> messagesByStatus() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(MARIADB + STORE_DB, "dtm", "dtm");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT status, COUNT(*) FROM trans_global GROUP BY status")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    static final class Result {

        final AtomicLong ordered = new AtomicLong();

        final AtomicLong orderedUnconfirmed = new AtomicLong();

        final AtomicLong soldOut = new AtomicLong();

        final AtomicLong retriedBeforeStart = new AtomicLong();

        final AtomicLong gaveUp = new AtomicLong();

        final AtomicLong minStock = new AtomicLong(Long.MAX_VALUE);

        long failedOrderCalls;

        long buyingNanos;

        long drainNanos;

        Map<Long, Long> ordersByItem = Map.of();

        Map<Long, Long> soldByItem = Map.of();

        Map<String, Long> messages = Map.of();

    }

}
