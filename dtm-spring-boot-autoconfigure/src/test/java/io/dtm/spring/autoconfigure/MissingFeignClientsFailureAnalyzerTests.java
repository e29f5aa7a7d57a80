package io.dtm.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application that injects a {@code @FeignClient} interface without
 * {@code @EnableFeignClients} is told to add it, not that some bean is missing.
 */
class MissingFeignClientsFailureAnalyzerTests {

    @Test
    void aMissingFeignClientBeanNamesEnableFeignClients() {
        new ApplicationContextRunner().withUserConfiguration(NeedsBankClient.class).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MissingFeignClientsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(BankClient.class.getName()).contains("@FeignClient");
            assertThat(analysis.getAction()).contains("Add @EnableFeignClients")
                .contains("@EnableFeignClients(clients = BankClient.class)");
        });
    }

    @Test
    void anyOtherMissingBeanIsLeftToSpringBoot() {
        new ApplicationContextRunner().withUserConfiguration(NeedsPlainInterface.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(new MissingFeignClientsFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
        });
    }

    @FeignClient(name = "bank", url = "http://bank")
    interface BankClient {

    }

    interface PlainInterface {

    }

    @Configuration(proxyBeanMethods = false)
    static class NeedsBankClient {

        @Bean
        String user(BankClient bank) {
            return "user";
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class NeedsPlainInterface {

        @Bean
        String user(PlainInterface plain) {
            return "user";
        }

    }

}
