package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.dtm.coordinator.DtmCoordinatorApplication;

/** Coordinator settings that cannot work stop startup with what to change. */
@ExtendWith(OutputCaptureExtension.class)
class DtmCoordinatorConfigurationFailureAnalyzerTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                DtmCoordinatorStoreAutoConfiguration.class, DtmCoordinatorEngineAutoConfiguration.class,
                DtmCoordinatorWebAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:config-failures;DB_CLOSE_DELAY=-1");

    @Test
    void describesTheProblemAndTheFix() {
        FailureAnalysis analysis = new DtmCoordinatorConfigurationFailureAnalyzer()
            .analyze(new IllegalStateException(new DtmCoordinatorConfigurationException("Bad.", "Fix it.")));
        assertThat(analysis.getDescription()).isEqualTo("The dtm coordinator is misconfigured: Bad.");
        assertThat(analysis.getAction()).isEqualTo("Fix it.");
        assertThat(new DtmCoordinatorConfigurationFailureAnalyzer().analyze(new IllegalStateException("x"))).isNull();
    }

    @Test
    void aShortSigningKey() {
        runner.withPropertyValues("dtm.coordinator.callback.signing-keys=short")
            .run(failsWith("dtm.coordinator.callback.signing-keys: every key needs at least 16 characters.",
                    "openssl rand -hex 32"));
    }

    @Test
    void anAllowedUrlWithoutAScheme() {
        runner.withPropertyValues("dtm.coordinator.callback.allowed-urls=bank:8081/**")
            .run(failsWith("dtm.coordinator.callback.allowed-urls entry 'bank:8081/**' needs a scheme",
                    "https://*.svc.cluster.local/**"));
    }

    @Test
    void aLimitOutOfRange() {
        runner.withPropertyValues("dtm.coordinator.limits.max-steps=0")
            .run(failsWith("dtm.coordinator.limits.max-steps must be at least 1, got 0.", "dtm.coordinator.limits"));
        runner.withPropertyValues("dtm.coordinator.limits.max-step-payload-size=1MB")
            .run(failsWith("dtm.coordinator.limits.max-step-payload-size must be between 1 and 65535 bytes",
                    "dtm.coordinator.limits"));
    }

    @Test
    void theAnalyzerIsRegistered(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(DtmCoordinatorApplication.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "dtm.coordinator.enabled=true",
                    "dtm.coordinator.cron-enabled=false", "dtm.coordinator.callback.signing-keys=short",
                    "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:config-failure-start;DB_CLOSE_DELAY=-1");
        assertThatThrownBy(app::run).hasRootCauseInstanceOf(DtmCoordinatorConfigurationException.class);
        assertThat(output.toString()).contains("APPLICATION FAILED TO START")
            .contains("The dtm coordinator is misconfigured: dtm.coordinator.callback.signing-keys")
            .contains("Generate one with: openssl rand -hex 32");
    }

    private static ContextConsumer<AssertableWebApplicationContext> failsWith(String description, String action) {
        return context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new DtmCoordinatorConfigurationFailureAnalyzer()
                .analyze(context.getStartupFailure());
            assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription()).contains(description);
            assertThat(analysis.getAction()).contains(action);
        };
    }

}
