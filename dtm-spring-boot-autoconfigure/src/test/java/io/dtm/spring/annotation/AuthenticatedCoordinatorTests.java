package io.dtm.spring.annotation;

import java.io.IOException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.dtm.protocol.DtmRetryableException;
import io.dtm.spring.client.DtmClient;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The starter against an embedded coordinator with authentication on: dtm.token is sent
 * on every call to the coordinator (submit, prepare, registerBranch, query) and never to
 * a branch.
 */
class AuthenticatedCoordinatorTests {

    private static final String TOKEN = "starter-operator-token-5c1e9a";

    private static final AtomicInteger accounts = new AtomicInteger();

    private static ConfigurableApplicationContext app;

    private static String server;

    @BeforeAll
    static void start() {
        int port = AnnotationWorld.freePort();
        String url = "http://localhost:" + port;
        server = url + "/api/dtmsvr";
        app = new SpringApplicationBuilder(AnnotationTestApp.class, BranchHeaders.class)
            .properties("server.port=" + port, "spring.application.name=auth-bank", "spring.main.banner-mode=off",
                    "spring.datasource.url=jdbc:h2:mem:auth-bank;DB_CLOSE_DELAY=-1", "spring.datasource.username=sa",
                    "spring.cloud.compatibility-verifier.enabled=false", "logging.level.root=WARN",
                    "bank-out.url=" + url, "bank-in.url=" + url, "bank-xa.url=" + url, "dtm.retry-interval=1s",
                    "dtm.coordinator.enabled=true", "dtm.coordinator.cron-interval=1s",
                    "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:auth-dtm;DB_CLOSE_DELAY=-1",
                    "dtm.coordinator.auth.enabled=true", "dtm.coordinator.auth.tokens[0].token=" + TOKEN,
                    "dtm.coordinator.auth.tokens[0].role=OPERATE", "dtm.token=" + TOKEN)
            .run();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aGlobalSagaRunsWithTheToken() {
        int out = openAccount(100);
        int in = openAccount(0);
        AtomicReference<String> gid = new AtomicReference<>();
        app.getBean(Transfers.class).saga(Transfer.of(out, 30), Transfer.of(in, 30), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
        assertThat(balance(out)).isEqualTo(70);
        assertThat(balance(in)).isEqualTo(30);
        assertThat(app.getBean(BranchHeaders.class).authorizations).isEmpty();
    }

    @Test
    void aNestedTccRegistersItsBranchesWithTheToken() {
        int out = openAccount(100);
        int in = openAccount(0);
        AtomicReference<String> gid = new AtomicReference<>();
        app.getBean(Transfers.class).tccNested(Transfer.of(out, 25).next(in), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> status(gid.get()), "succeed"::equals);
        // the try at bank-out registered the nested branch with the coordinator named by
        // the request's dtm parameter
        assertThat(app.getBean(DtmClient.class).query(gid.get()).path("branches").size()).isEqualTo(4);
        assertThat(balance(out)).isEqualTo(75);
        assertThat(balance(in)).isEqualTo(25);
        assertThat(app.getBean(BranchHeaders.class).authorizations).isEmpty();
    }

    @Test
    void aClientWithoutTheTokenIsRefused() {
        assertThatExceptionOfType(DtmRetryableException.class)
            .isThrownBy(() -> DtmClient.create(server).query("refused"))
            .withMessageContaining("401");
    }

    private static int openAccount(long balance) {
        int id = accounts.incrementAndGet();
        app.getBean(JdbcTemplate.class)
            .update("INSERT INTO account (id, balance, frozen) VALUES (?, ?, 0)", id, balance);
        return id;
    }

    private static long balance(int account) {
        return app.getBean(JdbcTemplate.class)
            .queryForObject("SELECT balance FROM account WHERE id = ?", Long.class, account);
    }

    private static String status(String gid) {
        return app.getBean(DtmClient.class).query(gid).path("transaction").path("status").asString("");
    }

    /**
     * Records the Authorization header of every branch request (those that carry a gid).
     */
    @Configuration(proxyBeanMethods = false)
    static class BranchHeaders {

        final Queue<String> authorizations = new ConcurrentLinkedQueue<>();

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> branchHeaderLog() {
            return new FilterRegistrationBean<>(new OncePerRequestFilter() {

                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws ServletException, IOException {
                    if (request.getRequestURI().startsWith("/bank/") && request.getHeader("Authorization") != null) {
                        authorizations.add(request.getRequestURI());
                    }
                    chain.doFilter(request, response);
                }

            });
        }

    }

}
