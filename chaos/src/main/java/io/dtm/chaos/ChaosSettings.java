package io.dtm.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The command line of one chaos run. */
record ChaosSettings(String store, String bankDb, int transfers, int replicas, Duration killEvery,
        Duration restartDelay, int timeoutToFail, List<Integer> retryIntervals, long seed, int concurrency,
        int accounts, Duration requestTimeout, Duration finalWait, Duration maxTime, Path coordinatorJar, Path outDir) {

    static final String USAGE = """
            usage: bash chaos/run.sh [options]
              --store mysql|postgres|redis   coordinator store (default mysql)
              --bank-db mysql|postgres       the bank's database (default: the store's; mysql for redis)
              --transfers N                  sagas to run (default 500)
              --replicas K                   coordinator JVMs sharing the store (default 3)
              --kill-every 10s               kill -9 a random replica this often while transfers run; 0 = never
              --restart-delay 2s             how long a killed replica stays down before it is restarted
              --timeout-to-fail S            the sagas' timeout_to_fail in seconds; 0 = none (default 3)
              --retry-intervals 1,2,4        each saga's retry_interval (s), picked per transfer by the seeded RNG
              --seed S                       seed of the fault plan and the kills (default: random, printed)
              --concurrency C                transfers in flight at once (default 20)
              --accounts A                   bank accounts (default 100)
              --request-timeout 1s           the coordinators' branch call timeout
              --final-wait 180s              how long to wait for every transfer to finish after the last one
              --max-time 900s                hard cap of the whole run
            """;

    static ChaosSettings parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            else if (i + 1 < args.length) {
                value = args[++i];
            }
            else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            opts.put(key, value);
        }
        String store = opts.getOrDefault("store", "mysql");
        if (!store.matches("mysql|postgres|redis")) {
            throw new IllegalArgumentException("--store must be mysql, postgres or redis, not " + store);
        }
        String bankDb = opts.getOrDefault("bank-db", store.equals("postgres") ? "postgres" : "mysql");
        if (!bankDb.matches("mysql|postgres")) {
            throw new IllegalArgumentException("--bank-db must be mysql or postgres, not " + bankDb);
        }
        ChaosSettings s = new ChaosSettings(store, bankDb, positive(opts, "transfers", 500),
                positive(opts, "replicas", 3), duration(opts, "kill-every", "10s"),
                duration(opts, "restart-delay", "2s"), Integer.parseInt(opts.getOrDefault("timeout-to-fail", "3")),
                Arrays.stream(opts.getOrDefault("retry-intervals", "1,2,4").split(","))
                    .map(String::trim)
                    .map(Integer::valueOf)
                    .toList(),
                Long.parseLong(
                        opts.getOrDefault("seed", String.valueOf(ThreadLocalRandom.current().nextLong(1, 1_000_000)))),
                positive(opts, "concurrency", 20), positive(opts, "accounts", 100),
                duration(opts, "request-timeout", "1s"), duration(opts, "final-wait", "180s"),
                duration(opts, "max-time", "900s"),
                Path.of(opts.getOrDefault("coordinator-jar",
                        "dtm-coordinator-server/target/dtm-coordinator-server-0.1.0-SNAPSHOT-exec.jar")),
                Path.of(opts.getOrDefault("out", "chaos/target")));
        opts.keySet()
            .removeAll(List.of("store", "bank-db", "transfers", "replicas", "kill-every", "restart-delay",
                    "timeout-to-fail", "retry-intervals", "seed", "concurrency", "accounts", "request-timeout",
                    "final-wait", "max-time", "coordinator-jar", "out"));
        if (!opts.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + opts.keySet());
        }
        if (s.timeoutToFail < 0) {
            throw new IllegalArgumentException("--timeout-to-fail must be >= 0");
        }
        if (s.retryIntervals.isEmpty() || s.retryIntervals.stream().anyMatch(i -> i <= 0)) {
            throw new IllegalArgumentException("--retry-intervals must be positive seconds, e.g. 1,2,4");
        }
        if (s.accounts < 2) {
            throw new IllegalArgumentException("--accounts must be at least 2");
        }
        return s;
    }

    private static int positive(Map<String, String> opts, String key, int def) {
        int value = Integer.parseInt(opts.getOrDefault(key, String.valueOf(def)));
        if (value <= 0) {
            throw new IllegalArgumentException("--" + key + " must be > 0");
        }
        return value;
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m} or plain seconds. */
    static Duration duration(Map<String, String> opts, String key, String def) {
        String text = opts.getOrDefault(key, def).trim().toLowerCase();
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
            }
            return Duration.ofSeconds(Long.parseLong(text));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--" + key + ": not a duration: " + text);
        }
    }
}
