package io.dtm.spring.it;

import java.time.Duration;

import io.dtm.spring.annotation.support.WovenAspects;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.feign.DtmFeignCapability;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An application without OpenFeign and without AspectJ (both hidden from its class
 * loader, as if absent) runs every mode its database allows: the annotated saga and TCC
 * initiators (proxy mode), a message and a workflow, all branches called by dtm's own
 * client. XA needs an XA-capable database: its advisors are checked by
 * {@code LeanClasspathAutoConfigurationTests}.
 */
class LeanClasspathIntegrationTests {

    private static ConfigurableApplicationContext app;

    private static String bank;

    @BeforeAll
    static void start() {
        int port = Apps.freePort();
        bank = "http://localhost:" + port + "/api/bank";
        FilteredClassLoader withoutFeignAndAspectJ = new FilteredClassLoader("feign.",
                "org.springframework.cloud.openfeign.", "org.aspectj.");
        app = new SpringApplicationBuilder(LeanApp.class)
            .resourceLoader(new DefaultResourceLoader(withoutFeignAndAspectJ))
            .properties("server.port=" + port, "spring.application.name=lean", "spring.main.banner-mode=off",
                    "spring.datasource.url=jdbc:h2:mem:lean;DB_CLOSE_DELAY=-1", "spring.datasource.username=sa",
                    "spring.cloud.compatibility-verifier.enabled=false", "logging.level.root=WARN",
                    "dtm.coordinator.enabled=true", "dtm.coordinator.store.type=h2",
                    "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:lean-coordinator;DB_CLOSE_DELAY=-1",
                    "dtm.coordinator.cron-interval=1s", "dtm.retry-interval=1s")
            .run();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theApplicationSeesNeitherFeignNorAspectJ() {
        ClassLoader classLoader = app.getClassLoader();
        assertThatExceptionOfType(ClassNotFoundException.class)
            .isThrownBy(() -> Class.forName("feign.Client", false, classLoader));
        assertThatExceptionOfType(ClassNotFoundException.class)
            .isThrownBy(() -> Class.forName("org.aspectj.lang.Aspects", false, classLoader));
        assertThat(app.getBeanNamesForType(DtmFeignCapability.class)).isEmpty();
        assertThat(app.getBeanNamesForType(WovenAspects.class)).isEmpty();
        assertThat(AopUtils.isAopProxy(app.getBean(LeanApp.Initiators.class))).isTrue();
    }

    @Test
    void annotatedSagaRuns() {
        long out = balance(1);
        long in = balance(2);
        String gid = app.getBean(LeanApp.Initiators.class).sagaTransfer(12);
        awaitStatus(gid, "succeed");
        assertThat(balance(1)).isEqualTo(out - 12);
        assertThat(balance(2)).isEqualTo(in + 12);
    }

    @Test
    void annotatedTccRuns() {
        long out = balance(1);
        long in = balance(2);
        String gid = app.getBean(LeanApp.Initiators.class).tccTransfer(7);
        awaitStatus(gid, "succeed");
        assertThat(balance(1)).isEqualTo(out - 7);
        assertThat(balance(2)).isEqualTo(in + 7);
    }

    @Test
    void msgRuns() {
        long in = balance(2);
        DtmClient dtm = app.getBean(DtmClient.class);
        String gid = dtm.newGid();
        dtm.msg(gid).add(bank + "/deposit", BankRequest.of(5).account(2)).submit();
        awaitStatus(gid, "succeed");
        assertThat(balance(2)).isEqualTo(in + 5);
    }

    @Test
    void workflowRuns() {
        long out = balance(1);
        Workflows workflows = app.getBean(Workflows.class);
        if (!workflows.isRegistered("lean-withdraw")) {
            workflows.register("lean-withdraw", BankRequest.class, (wf, request) -> {
                wf.newBranch().onRollback((barrier) -> wf.callBranch(bank + "/withdrawRevert", request));
                wf.callBranch(bank + "/withdraw", request);
                return "done";
            });
        }
        String gid = app.getBean(DtmClient.class).newGid();
        assertThat(new String(workflows.execute("lean-withdraw", gid, BankRequest.of(3)))).isEqualTo("done");
        awaitStatus(gid, "succeed");
        assertThat(balance(1)).isEqualTo(out - 3);
    }

    private static void awaitStatus(String gid, String status) {
        DtmClient dtm = app.getBean(DtmClient.class);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> dtm.query(gid).path("transaction").path("status").asString(), status::equals);
    }

    private static long balance(int account) {
        return app.getBean(JdbcTemplate.class)
            .queryForObject("SELECT balance FROM bank_account WHERE id = ?", Long.class, account);
    }

}
