package io.dtm.coordinator.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;

import io.dtm.coordinator.store.redis.RedisTransStore;

/**
 * The contract on a Redis cluster of three masters that the test starts itself
 * (redis-server and redis-cli from the PATH, on free ports of 127.0.0.1, files in a
 * temporary folder) and shuts down afterwards. The store is given the comma-separated
 * node list, so it uses Lettuce's cluster client; the hash-tagged prefix keeps every key
 * in one slot.
 */
class RedisClusterTransStoreContractTests extends TransStoreContractTests {

    private final List<Integer> ports = new ArrayList<>();

    @Override
    protected TransStore createStore() throws Exception {
        Path dir = Files.createTempDirectory("dtm-redis-cluster");
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
            run(nodeDir, "redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--cluster-enabled",
                    "yes", "--cluster-config-file", "nodes.conf", "--save", "", "--appendonly", "no", "--daemonize",
                    "yes", "--logfile", nodeDir.resolve("redis.log").toString(), "--dir", nodeDir.toString());
            ports.add(port);
            nodes.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        create.addAll(nodes);
        create.add("--cluster-yes");
        awaitPing();
        run(dir, create.toArray(String[]::new));
        String url = String.join(",", nodes.stream().map(n -> "redis://" + n).toList());
        return awaitClusterStore(url);
    }

    /** The cluster needs a moment after create until every node agrees on the slots. */
    private static TransStore awaitClusterStore(String url) {
        RedisTransStore[] store = new RedisTransStore[1];
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(() -> {
                RedisTransStore candidate = RedisTransStore.create(url, null, null, TestStores.redisPrefix(),
                        Duration.ofDays(7), Duration.ofDays(1));
                try {
                    candidate.findGlobal("probe");
                }
                catch (RuntimeException ex) {
                    candidate.close();
                    throw ex;
                }
                store[0] = candidate;
                return true;
            });
        return store[0];
    }

    private void awaitPing() {
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> ports.stream().allMatch(p -> {
                try {
                    return run(Path.of("."), "redis-cli", "-p", String.valueOf(p), "ping").contains("PONG");
                }
                catch (Exception ex) {
                    return false;
                }
            }));
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (int port : ports) {
            run(Path.of("."), "redis-cli", "-p", String.valueOf(port), "shutdown", "nosave");
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("The Redis cluster test runs " + command[0] + " from the PATH: install "
                    + "Redis (the redis-server and redis-tools packages) - " + ex.getMessage(), ex);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        return out;
    }

    /**
     * A port that is free, and whose cluster bus port (port + 10000) is free and valid
     * too.
     */
    private static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20000 + random.nextInt(10000);
            if (bindable(port) && bindable(port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair for a Redis cluster node in 20000-39999");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Override
    protected boolean deletesFinished() {
        return false;
    }

}
