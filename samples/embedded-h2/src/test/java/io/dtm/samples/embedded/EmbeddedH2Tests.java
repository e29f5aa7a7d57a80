package io.dtm.samples.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;

import io.dtm.spring.client.DtmClient;

/**
 * A service with the starter, the coordinator and H2 only: it runs a saga on its own
 * coordinator, and has no other store's client on its classpath, so asking for another
 * store fails at startup naming the dependency to add.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:embedded-h2;DB_CLOSE_DELAY=-1")
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedH2Tests {

    @Autowired
    DtmClient dtm;

    @LocalServerPort
    int port;

    @Test
    void aSagaOnTheEmbeddedCoordinator() {
        String ping = "http://localhost:" + port + "/api/ping";
        String gid = dtm.newGid();
        dtm.saga(gid).add(ping, ping, Map.of("amount", 30)).waitResult().submit();
        assertThat(dtm.query(gid).path("transaction").path("status").asString()).isEqualTo("succeed");
    }

    @Test
    void noOtherStoresClientIsOnTheClasspath() {
        for (String className : new String[] { "org.mariadb.jdbc.Driver", "com.mysql.cj.jdbc.Driver",
                "org.postgresql.Driver", "io.lettuce.core.RedisClient", "redis.clients.jedis.Jedis" }) {
            assertThat(ClassUtils.isPresent(className, getClass().getClassLoader())).as(className).isFalse();
        }
        assertThat(ClassUtils.isPresent("org.h2.Driver", getClass().getClassLoader())).isTrue();
    }

    @Test
    void anotherStoreFailsAtStartupNamingItsDriver(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(EmbeddedH2Application.class).properties(
                "server.port=0", "spring.main.banner-mode=off", "dtm.coordinator.cron-enabled=false",
                "dtm.coordinator.store.type=postgres",
                "dtm.coordinator.store.jdbc.url=jdbc:postgresql://127.0.0.1:5432/dtm");
        assertThatThrownBy(app::run).hasStackTraceContaining("org.postgresql.Driver");
        assertThat(output.toString()).contains("APPLICATION FAILED TO START")
            .contains("Add org.postgresql:postgresql to the application's dependencies.");
    }

}
