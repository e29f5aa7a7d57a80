package io.dtm.samples.flashsale;

import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dtm.coordinator.DtmCoordinatorApplication;

import static org.awaitility.Awaitility.await;

/**
 * The standalone coordinator ({@link DtmCoordinatorApplication}) in a JVM of its own on
 * 127.0.0.1, its store on MariaDB, so that it can be killed with SIGKILL and started
 * again on the same port, as an operator's process supervisor would.
 */
final class CoordinatorProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    private final int port;

    private final Map<String, String> env;

    private final Path log;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final List<String> events = new ArrayList<>();

    private volatile Process process;

    private int kills;

    private final String name;

    CoordinatorProcess(String name, Map<String, String> env, Path logDir) throws IOException {
        this.name = name;
        this.port = freePort();
        this.env = env;
        this.log = logDir.resolve("flash-sale-coordinator-" + name + ".log");
        Files.createDirectories(logDir);
        Files.deleteIfExists(log);
    }

    String url() {
        return "http://127.0.0.1:" + this.port + "/api/dtmsvr";
    }

    int kills() {
        return this.kills;
    }

    List<String> events() {
        return this.events;
    }

    /** Starts the JVM and waits until it answers {@code /api/ping}. */
    void start() throws IOException {
        Files.writeString(this.log, "\n===== start at " + Instant.now() + " =====\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DtmCoordinatorApplication.class.getName());
        Map<String, String> childEnv = builder.environment();
        childEnv.putAll(this.env);
        // not this application's application.yml, which is on the same class path
        childEnv.put("SPRING_CONFIG_NAME", "dtm-flash-sale-coordinator");
        childEnv.put("SERVER_PORT", String.valueOf(this.port));
        childEnv.put("SERVER_ADDRESS", "127.0.0.1");
        childEnv.put("MANAGEMENT_SERVER_PORT", "0");
        childEnv.put("SPRING_MAIN_BANNER_MODE", "off");
        childEnv.put("DTM_COORDINATOR_RETRY_INTERVAL", "1s");
        childEnv.put("DTM_COORDINATOR_CRON_INTERVAL", "1s");
        childEnv.put("DTM_COORDINATOR_REQUEST_TIMEOUT", "3000ms");
        childEnv.put("DTM_COORDINATOR_STORE_JDBC_MAX_POOL_SIZE", "10");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
        Process started = builder.start();
        this.process = started;
        long launched = System.nanoTime();
        await("the coordinator on port " + this.port + " answering /api/ping (log: " + this.log + ")")
            .atMost(STARTUP_TIMEOUT)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> {
                if (!started.isAlive()) {
                    throw new IllegalStateException("the coordinator exited during startup; see " + this.log);
                }
                return ping();
            });
        this.events.add(String.format("%s (pid %d) up in %.1f s", this.name, started.pid(),
                (System.nanoTime() - launched) / 1e9));
    }

    /** SIGKILL: no shutdown hook, no graceful stop, whatever it was doing is cut. */
    void kill() throws InterruptedException {
        Process running = this.process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        running.waitFor();
        this.kills++;
        this.events.add(this.name + " (pid " + running.pid() + ") killed with SIGKILL");
        this.process = null;
    }

    private boolean ping() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/ping"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
            return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        Process running = this.process;
        if (running != null) {
            running.destroyForcibly();
            running.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
