package io.dtm.spring.autoconfigure;

import java.util.List;
import javax.sql.DataSource;

import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Workflows;
import io.dtm.spring.security.CallbackSignatures;
import io.dtm.spring.xa.XaParticipant;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class DtmClientAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmClientAutoConfiguration.class));

    @Test
    void theClientNeedsNoCoordinatorAtStartup() {
        this.runner.withPropertyValues("dtm.server=http://dtm:36789/api/dtmsvr").run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(DtmClient.class)
                .hasSingleBean(DtmUrls.class)
                .hasSingleBean(CallbackSignatures.class)
                .hasSingleBean(Workflows.class)
                .doesNotHaveBean(XaParticipant.class);
            assertThat(context.getBean(DtmClient.class).server()).isEqualTo("http://dtm:36789/api/dtmsvr");
        });
    }

    @Test
    void theXaParticipantNeedsTheJdbcBarrier() {
        this.runner.withUserConfiguration(Barrier.class)
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(XaParticipant.class));
    }

    @Test
    void offWhenDtmIsDisabled() {
        this.runner.withPropertyValues("dtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmClient.class)
                .doesNotHaveBean(DtmUrls.class)
                .doesNotHaveBean(Workflows.class));
    }

    @Test
    void offWithoutRestClient() {
        this.runner.withClassLoader(new FilteredClassLoader(RestClient.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DtmClient.class));
    }

    @Test
    void backsOffForTheApplicationsBeans() {
        this.runner.withUserConfiguration(UserClient.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(DtmClient.class).hasSingleBean(CallbackSignatures.class);
            assertThat(context.getBean(DtmClient.class)).isSameAs(context.getBean("myClient"));
            assertThat(context.getBean(CallbackSignatures.class)).isSameAs(context.getBean("mySignatures"));
        });
    }

    @Test
    void aShortCallbackSecretIsExplained() {
        this.runner.withPropertyValues("dtm.callback.secrets=short").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new DtmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("The dtm client is misconfigured: dtm.callback.secrets: "
                    + "every secret needs at least 16 characters.");
            assertThat(analysis.getAction()).contains("dtm.coordinator.callback.signing-keys");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Barrier {

        @Bean
        JdbcBarrier jdbcBarrier() {
            DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:client-autoconfig;DB_CLOSE_DELAY=-1");
            return new JdbcBarrier("barrier", dataSource);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserClient {

        @Bean
        DtmClient myClient() {
            return DtmClient.create("http://user-dtm/api/dtmsvr");
        }

        @Bean
        CallbackSignatures mySignatures() {
            return CallbackSignatures.of(List.of());
        }

    }

}
