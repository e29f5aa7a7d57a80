package io.dtm.spring.annotation;

import java.io.IOException;
import java.util.concurrent.Executor;

import io.dtm.spring.security.CallbackSignatures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.dtm.spring.bank.AccountTable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every test service runs this app: a bank participant, the initiator's business and
 * Feign clients to both banks. The initiator also runs the embedded coordinator.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = { BankOutClient.class, BankInClient.class, BankXaClient.class, BankXaPgClient.class })
@EnableAsync
@Import({ BankParticipant.class, AppEndpoints.class, AppEndpoints.AppExceptionHandler.class })
public class AnnotationTestApp {

    @Bean
    CallLog callLog() {
        return new CallLog();
    }

    @Bean
    NestedTransfers nestedTransfers(BankInClient bankIn) {
        return new NestedTransfers(bankIn);
    }

    @Bean
    AsyncSteps asyncSteps(BankInClient bankIn) {
        return new AsyncSteps(bankIn);
    }

    @Bean
    Transfers transfers(BankOutClient bankOut, BankInClient bankIn, BankXaClient bankXa, BankXaPgClient bankXaPg,
            NestedTransfers nested, JdbcTemplate jdbc, AsyncSteps asyncSteps,
            @Qualifier("applicationTaskExecutor") Executor bootExecutor) {
        return new Transfers(bankOut, bankIn, bankXa, bankXaPg, nested, jdbc, asyncSteps, bootExecutor);
    }

    @Bean
    InitializingBean accountTable(JdbcTemplate jdbc, @Value("${bank.table:account}") String table) {
        return () -> new AccountTable(table).create(jdbc);
    }

    /**
     * Logs every request that carries a gid, by its last path segment, and whether it
     * came signed.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> receivedLog(CallLog log) {
        return new FilterRegistrationBean<>(new OncePerRequestFilter() {

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String gid = request.getParameter("gid");
                if (gid != null) {
                    String uri = request.getRequestURI();
                    String operation = uri.substring(uri.lastIndexOf('/') + 1);
                    log.received(gid, operation);
                    if (request.getHeader(CallbackSignatures.HEADER) != null) {
                        log.signed(gid, operation);
                    }
                }
                chain.doFilter(request, response);
            }

        });
    }

}
