package io.dtm.spring.ltw;

import java.time.Duration;
import java.util.Map;

import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTransaction;
import io.dtm.spring.client.DtmClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * dtm's aspects woven by the load-time weaver ({@code -javaagent:aspectjweaver.jar} with
 * {@code META-INF/dtm-ltw-aop.xml}, which weaves this package only): a self-invoked
 * {@code @GlobalSaga} runs as a saga. Runs in the load-time-weaving execution of the
 * build, which sets up the agent.
 */
@EnabledIfSystemProperty(named = "org.aspectj.weaver.loadtime.configuration", matches = ".*dtm-ltw-aop\\.xml")
@SpringBootTest(classes = LoadTimeWovenSagaTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "dtm.annotations.mode=aspectj", "dtm.coordinator.enabled=true", "dtm.coordinator.store.type=h2",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-ltw;DB_CLOSE_DELAY=-1",
                "spring.datasource.url=jdbc:h2:mem:ltw;DB_CLOSE_DELAY=-1", "spring.main.banner-mode=off",
                "spring.cloud.compatibility-verifier.enabled=false" })
class LoadTimeWovenSagaTests {

    @Autowired
    Transfers transfers;

    @Autowired
    DtmClient dtm;

    @LocalServerPort
    int port;

    @Test
    void aSelfInvokedGlobalSagaRunsAsASaga() {
        assertThat(AopUtils.isAopProxy(this.transfers)).isFalse();
        String gid = this.transfers.transfer("http://localhost:" + this.port + "/api/ping");
        assertThat(gid).isNotNull();
        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(this.dtm.query(gid).path("transaction").path("status").asString())
                .isEqualTo("succeed"));
        assertThat(this.dtm.query(gid).path("branches").findValuesAsString("branch_id")).containsOnly("01");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Transfers.class)
    static class App {

    }

    static class Transfers {

        String transfer(String stepUrl) {
            return this.saga(stepUrl);
        }

        @GlobalSaga
        String saga(String stepUrl) {
            GlobalTransaction.currentSaga().add(stepUrl, stepUrl, Map.of("amount", 30));
            return GlobalTransaction.currentGid();
        }

    }

}
