package io.dtm.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The chaos run: recreates the store and the bank's database, starts the bank (this JVM)
 * and K coordinator JVMs, runs the sagas while a replica is killed with SIGKILL every few
 * seconds, waits for every saga to finish, then verifies the bank's ledger. Exit code 0:
 * no violation; 1: violations; 2: the run could not be set up or did not finish in
 * {@code --max-time}.
 */
@SpringBootApplication
public class ChaosApplication {

    public static void main(String[] args) {
        ChaosSettings settings;
        try {
            settings = ChaosSettings.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.err.print(ChaosSettings.USAGE);
            System.exit(2);
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(settings.maxTime().toMillis());
                System.out.println("[chaos] FAILED: the run did not finish within --max-time "
                        + settings.maxTime().toSeconds() + "s");
                System.exit(2);
            }
            catch (InterruptedException ex) {
                // the run finished
            }
        }, "chaos-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int code;
        try {
            code = run(settings);
        }
        catch (Exception ex) {
            System.out.println("[chaos] FAILED: " + ex);
            ex.printStackTrace(System.out);
            code = 2;
        }
        System.exit(code);
    }

    private static int run(ChaosSettings s) throws Exception {
        Clock clock = new Clock();
        clock.log("store=" + s.store() + " bank-db=" + s.bankDb() + " transfers=" + s.transfers() + " replicas="
                + s.replicas() + " kill-every=" + s.killEvery().toMillis() / 1000.0 + "s timeout-to-fail="
                + s.timeoutToFail() + " retry-intervals=" + s.retryIntervals() + " seed=" + s.seed() + " concurrency="
                + s.concurrency());
        if (!Files.isRegularFile(s.coordinatorJar())) {
            throw new IllegalStateException("no coordinator jar at " + s.coordinatorJar() + ": build it first");
        }
        Files.createDirectories(s.outDir().resolve("logs"));
        Databases.recreateStore(s);
        Databases.recreateBank(s);

        Coordinators coordinators = new Coordinators(s);
        Runtime.getRuntime().addShutdownHook(new Thread(coordinators::close));
        // the first coordinator JVM and the bank start side by side: both take a while on
        // a busy machine
        coordinators.launchFirst();
        ConfigurableApplicationContext bank = startBank(s);
        try (coordinators) {
            JdbcTemplate jdbc = bank.getBean(JdbcTemplate.class);
            bank.getBean(Ledger.class).createTables(s.bankDb(), s.accounts());
            String bankUrl = "http://127.0.0.1:" + bank.getEnvironment().getProperty("local.server.port");
            clock.log("bank on " + bankUrl + " (" + s.bankDb() + " database " + Databases.BANK_DB + ")");

            List<Transfer> transfers = Transfer.plan(s);
            writePlan(s.outDir().resolve("plan.tsv"), transfers);
            coordinators.startAll();
            clock.log(s.replicas() + " coordinators up: " + coordinators.urls() + "; logs in "
                    + s.outDir().resolve("logs"));

            Driver driver = new Driver(s, coordinators.urls(), bankUrl, clock);
            coordinators.startMonkey(clock);
            driver.runTransfers(transfers);
            clock.log("all transfers submitted; stopping the kills (" + coordinators.kills() + " kills, "
                    + coordinators.skippedKills() + " ticks skipped to keep a replica up)");
            coordinators.stopMonkey(clock);
            List<String> open = driver.awaitAllFinished(s.finalWait());
            clock.log(open.isEmpty() ? "every transfer finished" : open.size() + " transfers still unfinished");
            // let branch calls still in flight (late replies sleep after their commit)
            // reach the ledger
            Thread.sleep(s.requestTimeout().toMillis() + 2000);

            Verifier.Result r = new Verifier(s, jdbc, driver, coordinators.killLog()).verify(transfers);
            double wall = clock.seconds();
            r.report().forEach(System.out::println);
            String verdict = r.ok() ? "PASS" : "FAIL";
            System.out.printf("%nchaos %s: store=%s replicas=%d kills=%d transfers=%d succeeded=%d failed=%d lost=%d"
                    + " doubled=%d non-terminal=%d wrong-status=%d unsubmitted=%d money-delta=%d submit-retries=%d"
                    + " wall=%.0fs seed=%d timeout-to-fail=%d%n", verdict, s.store(), s.replicas(),
                    coordinators.kills(), r.transfers(), r.succeeded(), r.failed(), r.lost().size(), r.doubled().size(),
                    r.nonTerminal().size(), r.wrongStatus().size(), r.unsubmitted().size(), r.moneyDelta(),
                    driver.submitRetries(), wall, s.seed(), s.timeoutToFail());
            appendResult(s, r, coordinators.kills(), wall, verdict);
            return r.ok() ? 0 : 1;
        }
        finally {
            bank.close();
        }
    }

    private static ConfigurableApplicationContext startBank(ChaosSettings s) {
        Map<String, Object> props = new LinkedHashMap<>(Databases.bankDataSource(s));
        props.put("server.port", "0");
        props.put("server.address", "127.0.0.1");
        props.put("spring.datasource.hikari.maximum-pool-size", "40");
        props.put("dtm.barrier.table", "barrier");
        props.put("dtm.barrier.initialize-schema", "always");
        props.put("logging.level.root", "WARN");
        props.put("logging.file.name", s.outDir().resolve("logs").resolve("bank.log").toString());
        props.put("logging.threshold.console", "OFF");
        SpringApplication app = new SpringApplication(ChaosApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setDefaultProperties(props);
        app.setLogStartupInfo(false);
        return app.run();
    }

    private static void writePlan(Path file, List<Transfer> transfers) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        lines.add("gid\tfrom\tto\tamount\trefuse\tfault\tfault_on\tslow_ms\tlaggy\tlag_ms\tretry_interval");
        for (Transfer t : transfers) {
            lines.add(String.join("\t", t.gid(), "" + t.from(), "" + t.to(), "" + t.amount(), t.refuse(), t.fault(),
                    t.faultOn(), "" + t.slowMs(), String.join(",", t.laggy()), "" + t.lagMs(), "" + t.retryInterval()));
        }
        Files.write(file, lines);
    }

    private static void appendResult(ChaosSettings s, Verifier.Result r, int kills, double wall, String verdict)
            throws java.io.IOException {
        Path file = s.outDir().resolve("results.md");
        if (!Files.exists(file)) {
            Files.writeString(file, "| date | store | bank db | replicas | kill every | timeout_to_fail | seed"
                    + " | transfers | succeeded | failed | lost | doubled | non-terminal | wrong status | money delta"
                    + " | kills | wall s | verdict |\n" + "|---".repeat(18) + "|\n");
        }
        String row = String.format(
                "| %s | %s | %s | %d | %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d" + " | %.0f | %s |%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), s.store(),
                s.bankDb().equals("mysql") ? "MariaDB" : "PostgreSQL", s.replicas(),
                s.killEvery().isZero() ? "never" : s.killEvery().toMillis() / 1000.0 + "s",
                s.timeoutToFail() > 0 ? s.timeoutToFail() + "s" : "none", s.seed(), r.transfers(), r.succeeded(),
                r.failed(), r.lost().size(), r.doubled().size(), r.nonTerminal().size(), r.wrongStatus().size(),
                r.moneyDelta(), kills, wall, verdict);
        Files.writeString(file, row, StandardOpenOption.APPEND);
    }

}
