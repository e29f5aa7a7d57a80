package io.dtm.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.dtm.coordinator.autoconfigure.DtmCoordinatorJdbcStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorRedisStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorStoreAutoConfiguration;
import io.dtm.coordinator.store.jdbc.JdbcDialect;
import io.dtm.coordinator.store.jdbc.JdbcStoreFactory;
import io.dtm.coordinator.store.redis.RedisTransStore;
import io.dtm.protocol.TransStatus;

/** A store that cannot be used fails at startup with a message that names the fix. */
class StoreStartupErrorsTests {

    @Test
    void unreachableMariaDbNamesTheSettings() throws IOException {
        int port = closedPort();
        assertThatThrownBy(() -> JdbcStoreFactory.create(JdbcDialect.MYSQL, "jdbc:mariadb://127.0.0.1:" + port + "/dtm",
                "root", "", 2, false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Cannot connect to the coordinator store jdbc:mariadb://127.0.0.1:" + port)
            .hasMessageContaining("dtm.coordinator.store.jdbc.url");
    }

    @Test
    void unreachablePostgresNamesTheSettings() throws IOException {
        int port = closedPort();
        assertThatThrownBy(() -> JdbcStoreFactory.create(JdbcDialect.POSTGRES,
                "jdbc:postgresql://127.0.0.1:" + port + "/dtm", "postgres", "", 2, false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Cannot connect to the coordinator store")
            .hasMessageContaining("dtm.coordinator.store.jdbc.url");
    }

    @Test
    void missingTablesOnMariaDbNameTheScriptAndTheSwitch() {
        String url = TestStores.freshMysqlDatabase("dtm_test_empty", "mariadb");
        assertThatThrownBy(() -> JdbcStoreFactory.create(JdbcDialect.MYSQL, url, TestStores.mysqlUser(),
                TestStores.mysqlPassword(), 2, false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("'trans_global' is missing")
            .hasMessageContaining("schema-mysql.sql")
            .hasMessageContaining("initialize-schema=always");
    }

    @Test
    void missingTablesOnPostgresNameTheScriptAndTheSwitch() {
        String url = TestStores.freshPostgresSchema("dtm_test_empty");
        assertThatThrownBy(() -> JdbcStoreFactory.create(JdbcDialect.POSTGRES, url, TestStores.pgUser(),
                TestStores.pgPassword(), 2, false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("'trans_global' is missing")
            .hasMessageContaining("schema-postgres.sql")
            .hasMessageContaining("initialize-schema=always");
    }

    @Test
    void existingTablesAreTakenOverWithoutInitialization() {
        String url = TestStores.freshPostgresSchema("dtm_test_takeover");
        JdbcStoreFactory.create(JdbcDialect.POSTGRES, url, TestStores.pgUser(), TestStores.pgPassword(), 2, true)
            .close();
        try (TransStore store = JdbcStoreFactory.create(JdbcDialect.POSTGRES, url, TestStores.pgUser(),
                TestStores.pgPassword(), 2, false)) {
            Instant now = Instant.now();
            String prepared = TransStatus.PREPARED.wireName();
            assertThat(store.insertGlobal(TransStoreContractTests.global(prepared, "tcc", now, now), List.of()))
                .isTrue();
        }
    }

    @Test
    void unreachableRedisNamesTheSettings() throws IOException {
        int port = closedPort();
        assertThatThrownBy(() -> RedisTransStore.create("redis://127.0.0.1:" + port, null, null, "{a}",
                java.time.Duration.ofDays(7), java.time.Duration.ofDays(1)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("Cannot connect to the coordinator's Redis store at redis://127.0.0.1:" + port)
            .hasMessageContaining("dtm.coordinator.store.redis.url")
            .hasMessageContaining("dtm.coordinator.store.redis.password");
    }

    /**
     * The password reaches Redis (on Lettuce 6 and 7 alike, whose ways to set one
     * differ): a stand-in server records the client's first command and refuses it. A
     * real Redis without a password cannot tell: its default user accepts any password.
     */
    @Test
    void passwordWithoutUsernameIsSentToRedis() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> firstCommand = CompletableFuture.supplyAsync(() -> {
                try (Socket client = server.accept()) {
                    client.setSoTimeout(10_000);
                    byte[] buffer = new byte[4096];
                    int read = client.getInputStream().read(buffer);
                    client.getOutputStream().write("-ERR refused by the test\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    return new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            assertThatThrownBy(() -> RedisTransStore.create("redis://127.0.0.1:" + server.getLocalPort(), null,
                    "s3cret-pw", "{a}", java.time.Duration.ofDays(7), java.time.Duration.ofDays(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot connect to the coordinator's Redis store");
            assertThat(firstCommand.get(10, TimeUnit.SECONDS)).contains("s3cret-pw");
        }
    }

    @Test
    void clusterPrefixWithoutHashTagIsRefused() {
        assertThatThrownBy(() -> RedisTransStore.create("redis://127.0.0.1:7001,redis://127.0.0.1:7002", null, null,
                "dtm", java.time.Duration.ofDays(7), java.time.Duration.ofDays(1)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("redis.prefix 'dtm' has no hash tag");
    }

    @Test
    void storeTypeRedisIsWiredFromProperties() {
        String prefix = TestStores.redisPrefix();
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                    DtmCoordinatorRedisStoreAutoConfiguration.class, DtmCoordinatorStoreAutoConfiguration.class))
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.store.type=Redis ",
                    "dtm.coordinator.store.redis.url=" + TestStores.REDIS_URL,
                    "dtm.coordinator.store.redis.prefix=" + prefix)
            .run((context) -> {
                TransStore store = context.getBean(TransStore.class);
                assertThat(store).isInstanceOf(RedisTransStore.class);
                Instant now = Instant.now();
                String prepared = TransStatus.PREPARED.wireName();
                assertThat(store.insertGlobal(TransStoreContractTests.global(prepared, "tcc", now, now), List.of()))
                    .isTrue();
            });
        TestStores.deleteRedisKeys(prefix);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
