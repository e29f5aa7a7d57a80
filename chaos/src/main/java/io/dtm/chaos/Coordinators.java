package io.dtm.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * K standalone coordinator JVMs on 127.0.0.1 sharing one store, and the monkey that kills
 * one at random with SIGKILL every {@code --kill-every} and restarts it on the same port
 * after {@code --restart-delay}. A tick that would leave no replica running is skipped.
 */
final class Coordinators implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    final class Replica {

        final int index;

        final int port;

        volatile Process process;

        volatile boolean up;

        int starts;

        Replica(int index, int port) {
            this.index = index;
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public String toString() {
            Process p = process;
            return "coordinator " + index + " (port " + port + (p != null ? ", pid " + p.pid() : "") + ")";
        }

    }

    private final ChaosSettings settings;

    private final List<Replica> replicas = new ArrayList<>();

    private final Path logDir;

    private final Path pidFile;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Random random;

    private final AtomicInteger kills = new AtomicInteger();

    private final AtomicInteger skipped = new AtomicInteger();

    private final List<String> killLog = new CopyOnWriteArrayList<>();

    private final ScheduledExecutorService scheduler = Executors
        .newSingleThreadScheduledExecutor(r -> daemon(r, "chaos-monkey"));

    /**
     * Restarts run on their own threads: a JVM start can take half a minute, the kill
     * ticks must not wait.
     */
    private final ExecutorService restarts = Executors.newCachedThreadPool(r -> daemon(r, "chaos-restart"));

    private volatile boolean monkeyOn;

    Coordinators(ChaosSettings settings) throws IOException {
        this.settings = settings;
        this.random = new Random(settings.seed() * 31 + 7);
        this.logDir = settings.outDir().resolve("logs");
        this.pidFile = settings.outDir().resolve("coordinators.pids");
        Files.createDirectories(logDir);
        try (var old = Files.newDirectoryStream(logDir, "coordinator-*.log")) {
            for (Path log : old) {
                Files.delete(log);
            }
        }
        Files.deleteIfExists(pidFile);
        for (int i = 1; i <= settings.replicas(); i++) {
            replicas.add(new Replica(i, freePort()));
        }
    }

    List<String> urls() {
        return replicas.stream().map(Replica::url).toList();
    }

    int kills() {
        return kills.get();
    }

    /**
     * When each kill happened (UTC, as the coordinators log) and which replica it hit.
     */
    List<String> killLog() {
        return killLog;
    }

    /** Kill ticks skipped because a kill would have left no replica running. */
    int skippedKills() {
        return skipped.get();
    }

    /**
     * Launches the first replica, which creates the schema; {@link #startAll} waits for
     * it.
     */
    void launchFirst() throws IOException {
        start(replicas.get(0));
    }

    /** Once the first replica answers, starts the others and waits until all answer. */
    void startAll() throws IOException, InterruptedException {
        awaitReady(replicas.get(0));
        for (Replica r : replicas.subList(1, replicas.size())) {
            start(r);
        }
        for (Replica r : replicas) {
            awaitReady(r);
        }
    }

    private synchronized void start(Replica r) throws IOException {
        r.starts++;
        Path log = logDir.resolve("coordinator-" + r.index + ".log");
        Files.writeString(log, "\n===== start " + r.starts + " of " + r + " at " + Instant.now() + " =====\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", settings.coordinatorJar().toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.putAll(Databases.storeEnv(settings));
        env.put("SERVER_PORT", String.valueOf(r.port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        // replicas share one host: each its own management port
        env.put("MANAGEMENT_SERVER_PORT", "0");
        env.put("SPRING_MAIN_BANNER_MODE", "off");
        env.put("DTM_COORDINATOR_REQUEST_TIMEOUT", settings.requestTimeout().toMillis() + "ms");
        env.put("DTM_COORDINATOR_RETRY_INTERVAL", "2s");
        env.put("DTM_COORDINATOR_CRON_INTERVAL", "1s");
        env.put("DTM_COORDINATOR_STORE_JDBC_MAX_POOL_SIZE", "10");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        r.process = pb.start();
        Files.writeString(pidFile, r.process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void awaitReady(Replica r) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = r.process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(r + " exited during startup; see " + logDir);
            }
            if (ping(r)) {
                r.up = true;
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                r + " did not answer /api/ping within " + STARTUP_TIMEOUT.toSeconds() + "s; see " + logDir);
    }

    private boolean ping(Replica r) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(r.url() + "/api/ping"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void startMonkey(Clock clock) {
        long every = settings.killEvery().toMillis();
        if (every <= 0) {
            return;
        }
        monkeyOn = true;
        scheduler.scheduleWithFixedDelay(() -> killOne(clock), every, every, TimeUnit.MILLISECONDS);
    }

    private void killOne(Clock clock) {
        if (!monkeyOn) {
            return;
        }
        List<Replica> up = replicas.stream().filter(r -> r.up).toList();
        // keep one replica serving (unless there is only one): a restart can take many
        // seconds on a busy machine
        if (up.isEmpty() || (replicas.size() > 1 && up.size() < 2)) {
            skipped.incrementAndGet();
            return;
        }
        Replica victim = up.get(random.nextInt(up.size()));
        victim.up = false;
        clock.log("kill -9 " + victim);
        victim.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no
                                          // graceful stop
        kills.incrementAndGet();
        killLog.add(LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS) + "Z coordinator-" + victim.index);
        restarts.execute(() -> restart(victim, clock));
    }

    /**
     * Starts the killed replica again and waits until it answers, however long a start
     * takes on a busy machine: a replica the monkey believed down would never be killed
     * again. A start whose JVM exits is retried.
     */
    private void restart(Replica r, Clock clock) {
        try {
            r.process.waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(settings.restartDelay().toMillis());
            start(r);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    awaitReady(r);
                    clock.log("restarted " + r);
                    return;
                }
                catch (IllegalStateException ex) {
                    clock.log("restart of " + r + ": " + ex.getMessage() + "; still waiting");
                    if (!r.process.isAlive()) {
                        start(r);
                    }
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            clock.log("restart of " + r + " failed: " + ex.getMessage());
        }
    }

    /**
     * Stops the kills and waits until every replica runs again (restarting any that is
     * down).
     */
    void stopMonkey(Clock clock) throws IOException, InterruptedException {
        monkeyOn = false;
        scheduler.shutdown();
        scheduler.awaitTermination(30, TimeUnit.SECONDS);
        restarts.shutdown();
        if (!restarts.awaitTermination(STARTUP_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
            restarts.shutdownNow(); // the loop below waits for those replicas
        }
        for (Replica r : replicas) {
            if (r.process == null || !r.process.isAlive()) {
                clock.log("starting " + r + ", found down after the kills stopped");
                start(r);
            }
            awaitReady(r);
        }
    }

    @Override
    public void close() {
        monkeyOn = false;
        scheduler.shutdownNow();
        restarts.shutdownNow();
        for (Replica r : replicas) {
            Process p = r.process;
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
