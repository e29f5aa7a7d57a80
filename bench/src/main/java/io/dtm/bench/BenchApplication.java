package io.dtm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.dtm.coordinator.autoconfigure.DtmCoordinatorProperties;
import io.dtm.coordinator.store.TransStore;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.coordinator.store.redis.RedisTransStore;

/**
 * The benchmark: the embedded coordinator, dtm's bench service, an initiator using the
 * starter's annotations and a load driver in one process, as dtm's own bench runs.
 * {@code java -jar bench/target/dtm-bench-*.jar --bench.store=mysql} prints one table row
 * per case. With {@code --bench.coordinator-url} the coordinator runs in another process.
 */
@SpringBootApplication
@EnableConfigurationProperties(BenchSettings.class)
@EnableFeignClients
public class BenchApplication {

    public static void main(String[] args) {
        String store = arg(args, "bench.store", "h2");
        String coordinatorUrl = arg(args, "bench.coordinator-url", "");
        StoreConnections c = StoreConnections.forStore(store);
        SpringApplication app = new SpringApplication(BenchApplication.class);
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.port", "0");
        if (coordinatorUrl.isEmpty()) {
            defaults.put("dtm.coordinator.enabled", "true");
        }
        else {
            defaults.put("dtm.coordinator.enabled", "false");
            defaults.put("dtm.server", coordinatorUrl);
        }
        // the bench service's database (BusiDatabase) creates the barrier table
        defaults.put("dtm.barrier.table", "barrier");
        defaults.put("dtm.barrier.initialize-schema", "never");
        // the Feign clients' URL holds the bench's port, known once the web server runs
        defaults.put("spring.cloud.openfeign.lazy-attributes-resolution", "true");
        defaults.put("dtm.coordinator.store.type", c.storeType());
        defaults.put(storeKey(c, "url"), c.storeUrl());
        defaults.put("dtm.coordinator.store.jdbc.initialize-schema", "always");
        defaults.put("dtm.coordinator.store.jdbc.max-pool-size", "40");
        defaults.put("logging.level.io.dtm", "warn");
        defaults.put("dtm.coordinator.store.redis.prefix", System.getProperty("bench.redis.prefix", "{a}"));
        defaults.put("server.tomcat.threads.max", "200");
        if (c.username() != null) {
            defaults.put(storeKey(c, "username"), c.username());
        }
        if (c.password() != null) {
            defaults.put(storeKey(c, "password"), c.password());
        }
        app.setDefaultProperties(defaults);
        ConfigurableApplicationContext ctx;
        try {
            ctx = app.run(args);
        }
        catch (RuntimeException ex) {
            Throwable root = ex;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.err.println("bench failed: " + root.getMessage());
            System.exit(1);
            return;
        }
        System.exit(SpringApplication.exit(ctx));
    }

    /**
     * {@code dtm.coordinator.store.jdbc.<name>}, or {@code .redis.<name>} for the Redis
     * store.
     */
    private static String storeKey(StoreConnections c, String name) {
        return "dtm.coordinator.store." + ("redis".equals(c.storeType()) ? "redis." : "jdbc.") + name;
    }

    private static String arg(String[] args, String name, String defaultValue) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return System.getProperty(name, defaultValue);
    }

    @Bean
    StoreConnections storeConnections(BenchSettings settings) {
        return StoreConnections.forStore(settings.store());
    }

    @Bean
    StatementCounter statementCounter() {
        return new StatementCounter();
    }

    @Bean(destroyMethod = "close")
    BusiDatabase busiDatabase(StoreConnections c, BenchSettings settings) {
        BusiDatabase busi = new BusiDatabase(c, settings.users(), settings.poolSize());
        busi.reload();
        return busi;
    }

    /**
     * The application's DataSource, as in a user's service: the starter's barrier and
     * local transactions of the annotated participants run on it.
     */
    @Bean(destroyMethod = "")
    DataSource dataSource(BusiDatabase busi) {
        return busi.dataSource();
    }

    /**
     * The coordinator's store as the product builds it, on a pool whose statements are
     * counted.
     */
    @Bean
    @ConditionalOnBooleanProperty("dtm.coordinator.enabled")
    TimedClaims dtmTransStore(StoreConnections c, StatementCounter counter, DtmCoordinatorProperties properties) {
        if ("redis".equals(c.storeType())) {
            DtmCoordinatorProperties.Redis redis = properties.getStore().getRedis();
            return new TimedClaims(RedisTransStore.create(redis.getUrl(), redis.getUsername(), redis.getPassword(),
                    redis.getPrefix(), redis.getDataExpire(), redis.getFinishedDataExpire()));
        }
        SchemaSupport.ensurePostgresSchema(c.storeUrl(), c.username());
        return new TimedClaims(JdbcStoreFactory.create(JdbcDialect.fromStoreType(c.storeType()), c.storeUrl(),
                c.username(), c.password(), properties.getStore().getJdbc().getMaxPoolSize(), true, counter::wrap));
    }

    @Bean
    ApplicationRunner benchRunner(BenchSettings settings, StoreConnections c, BusiDatabase busi,
            StatementCounter counter, AnnotatedInitiator initiator, ObjectProvider<TimedClaims> claims,
            Environment env) {
        return args -> {
            if (settings.startupOnly()) {
                // the JVM's start included, as Spring Boot's "process running for"
                System.out.printf(Locale.ROOT, "startup %s process_s=%.2f%n",
                        settings.separateCoordinator() ? "without-coordinator" : "with-embedded-coordinator",
                        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
                return;
            }
            int port = Integer.parseInt(env.getRequiredProperty("local.server.port"));
            LoadDriver driver = new LoadDriver(settings.concurrency());
            String dtm = settings.separateCoordinator() ? settings.coordinatorUrl()
                    : "http://127.0.0.1:" + port + "/api/dtmsvr";
            BenchCases cases = new BenchCases(driver, busi, dtm, port, initiator);
            CpuMeter cpu = new CpuMeter(settings.store(), settings.coordinatorPid());
            StringBuilder table = new StringBuilder();
            if (settings.preloadFinished() > 0 || settings.preloadDue() > 0) {
                if (settings.separateCoordinator()) {
                    throw new IllegalStateException("the preload times the embedded coordinator's claims: run it "
                            + "without bench.coordinator-url");
                }
                table.append(new PreloadRun(settings, c, cases, claims.getObject()).run());
            }
            Map<String, Double> throughput = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            try (StorageFloor floor = floor(c, settings.poolSize())) {
                // one operation per case on one thread first: the Feign clients are built
                // on their first call, which fails now and then when 20 threads make it
                // at once
                for (String name : settings.cases()) {
                    cases.operation(name, floor).accept(0);
                }
                // the JIT compiles each case's paths differently: warm every case up
                // before measuring any
                for (String name : settings.cases()) {
                    driver.run(name, settings.firstWarmup(), java.time.Duration.ZERO, cases.operation(name, floor));
                }
                counter.drainBySql();
                for (String name : settings.cases()) {
                    driver.run(name, settings.warmup(), java.time.Duration.ZERO, cases.operation(name, floor));
                    counter.drainBySql();
                    long statementsBefore = counter.executions();
                    long redisBefore = RedisCommandCount.total(c);
                    CpuMeter.Sample cpuBefore = cpu.sample();
                    LoadDriver.Result r = driver.run(name, java.time.Duration.ZERO, settings.duration(),
                            cases.operation(name, floor));
                    CpuMeter.Sample cpuAfter = cpu.sample();
                    long total = r.operations() + r.errors();
                    double storeOps = "redis".equals(c.storeType())
                            ? (RedisCommandCount.total(c) - redisBefore) / (double) Math.max(1, total)
                            : (counter.executions() - statementsBefore) / (double) Math.max(1, total);
                    throughput.put(name, r.throughput());
                    if (Boolean.getBoolean("bench.sql-detail")) {
                        counter.drainBySql()
                            .forEach((sql, n) -> System.out.printf(Locale.ROOT, "    %.2f  %s%n",
                                    n / (double) Math.max(1, total), sql));
                    }
                    // a separate coordinator's JDBC statements are not seen from here
                    boolean countsStore = !name.startsWith("direct") && !name.equals("floor")
                            && (!settings.separateCoordinator() || "redis".equals(c.storeType()));
                    String row = String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %.1f | %.1f | %s | %s | %d |%n",
                            settings.store(), name, settings.concurrency(), r.throughput(), r.p50Millis(),
                            r.p99Millis(), countsStore ? String.format(Locale.ROOT, "%.1f", storeOps) : "-",
                            cpu.cells(cpuBefore, cpuAfter, r.operations()), r.errors());
                    System.out.print(row);
                    table.append(row);
                    if (r.errors() > 0 || r.operations() == 0) {
                        failed.add(name + " (" + r.operations() + " operations, " + r.errors() + " errors)");
                    }
                    if (settings.rate() > 0) {
                        String label = name + " @" + settings.rate() + "/s";
                        counter.drainBySql();
                        long atRateStatements = counter.executions();
                        CpuMeter.Sample rateBefore = cpu.sample();
                        LoadDriver.Result fixed = driver.runAtRate(label, settings.rate(), settings.duration(),
                                cases.operation(name, floor));
                        CpuMeter.Sample rateAfter = cpu.sample();
                        double rateOps = (counter.executions() - atRateStatements)
                                / (double) Math.max(1, fixed.operations() + fixed.errors());
                        String rateRow = String.format(Locale.ROOT,
                                "| %s | %s | %d | %.0f | %.1f | %.1f | %s | %s | %d |%n", settings.store(), label,
                                settings.concurrency(), fixed.throughput(), fixed.p50Millis(), fixed.p99Millis(),
                                countsStore && !"redis".equals(c.storeType())
                                        ? String.format(Locale.ROOT, "%.1f", rateOps) : "-",
                                cpu.cells(rateBefore, rateAfter, fixed.operations()), fixed.errors());
                        System.out.print(rateRow);
                        table.append(rateRow);
                        if (fixed.errors() > 0 || fixed.operations() == 0) {
                            failed
                                .add(label + " (" + fixed.operations() + " operations, " + fixed.errors() + " errors)");
                        }
                        if (settings.coordinatorPid() > 0) {
                            System.out
                                .println(ProcessMemory.sample(settings.coordinatorPid()).line(name + " coordinator"));
                        }
                    }
                }
            }
            String ratios = ratios(settings.store(), throughput);
            System.out.print(ratios);
            if (!settings.output().isEmpty()) {
                write(Path.of(settings.output()), table + ratios);
            }
            if (settings.strict() && !failed.isEmpty()) {
                throw new IllegalStateException("cases with errors or no completed operation on " + settings.store()
                        + ": " + String.join(", ", failed));
            }
        };
    }

    private static StorageFloor floor(StoreConnections c, int poolSize) {
        if ("redis".equals(c.storeType())) {
            return StorageFloor.redis(c.storeUrl());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-floor");
        config.setJdbcUrl(c.storeUrl());
        config.setUsername(c.username());
        config.setPassword(c.password());
        config.setMaximumPoolSize(poolSize);
        HikariDataSource pool = new HikariDataSource(config);
        StorageFloor jdbc = StorageFloor.jdbc(pool);
        return new StorageFloor() {
            @Override
            public void oneTransaction() {
                jdbc.oneTransaction();
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }

    private static String ratios(String store, Map<String, Double> t) {
        StringBuilder out = new StringBuilder();
        for (String n : new String[] { "0", "2", "10" }) {
            if (t.containsKey("saga" + n) && t.containsKey("direct" + n)) {
                out.append(String.format(Locale.ROOT, "ratio %s saga%s / direct%s = %.2f%n", store, n, n,
                        t.get("saga" + n) / t.get("direct" + n)));
            }
        }
        if (t.containsKey("floor")) {
            for (String n : new String[] { "empty", "saga0", "saga2" }) {
                if (t.containsKey(n)) {
                    out.append(String.format(Locale.ROOT, "ratio %s %s / floor = %.2f%n", store, n,
                            t.get(n) / t.get("floor")));
                }
            }
        }
        return out.toString();
    }

    private static void write(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
