package io.dtm.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import io.dtm.coordinator.DtmCoordinatorApplication;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorEngineAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorJdbcStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorWebAutoConfiguration;

/**
 * The auth filter and the open-API item of the security-defaults warning as the web
 * auto-configuration sets them up, and startup failures.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthAutoConfigurationTests {

    private static final String WARNING = "the API is open to";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                DtmCoordinatorStoreAutoConfiguration.class, DtmCoordinatorEngineAutoConfiguration.class,
                DtmCoordinatorWebAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false",
                // the flat key of earlier versions, still honoured
                "dtm.coordinator.store.url=jdbc:h2:mem:auth-autoconfig;DB_CLOSE_DELAY=-1");

    @Test
    void offByDefaultNoFilterAndAWarningWhenBoundToEveryInterface(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ApiTokens.class);
            assertThat(authFilters(context.getBeansOfType(FilterRegistrationBean.class).values())).isEmpty();
            assertThat(context).hasSingleBean(SecurityDefaultsWarning.class);
        });
        assertThat(output.getOut()).containsOnlyOnce(WARNING + " every interface without authentication")
            .contains("(dtm.coordinator.auth.enabled, or server.address=127.0.0.1)");
    }

    @Test
    void warnsOnANonLoopbackAddressButNotOnLoopback(CapturedOutput output) {
        runner.withPropertyValues("server.address=127.0.0.1").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("server.address=::1").run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain(WARNING);
        runner.withPropertyValues("server.address=0.0.0.0").run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).contains(WARNING + " 0.0.0.0 without authentication");
    }

    @Test
    void onRegistersTheFilterAndDoesNotWarn(CapturedOutput output) {
        runner
            .withPropertyValues("dtm.coordinator.auth.enabled=true",
                    "dtm.coordinator.auth.tokens[0].token=s3cret-operator-token",
                    "dtm.coordinator.auth.tokens[0].role=OPERATE")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(ApiTokens.class).roleOf("s3cret-operator-token")).isEqualTo(ApiRole.OPERATE);
                // authentication reads only headers, so it runs before the filter that
                // receives request bodies: no unauthenticated body is ever buffered
                FilterRegistrationBean<?> bodies = context.getBean("dtmApiRequestFilter", FilterRegistrationBean.class);
                assertThat(authFilters(context.getBeansOfType(FilterRegistrationBean.class).values())).singleElement()
                    .satisfies(r -> assertThat(r.getOrder()).isLessThan(bodies.getOrder()));
                assertThat(context.getBean("dtmJsonRpcRoleFilter", FilterRegistrationBean.class).getOrder())
                    .isGreaterThan(bodies.getOrder());
            });
        assertThat(output.getOut()).doesNotContain(WARNING).doesNotContain("s3cret-operator-token");
    }

    @Test
    void enabledWithoutTokensFailsWithAnExplanation() {
        runner.withPropertyValues("dtm.coordinator.auth.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new DtmAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("no token is configured");
            assertThat(analysis.getAction()).contains("dtm.coordinator.auth.tokens[0].token")
                .contains("dtm.coordinator.auth.enabled=false");
        });
    }

    @Test
    void anUnknownRoleFailsWithAnExplanation() {
        runner
            .withPropertyValues("dtm.coordinator.auth.enabled=true", "dtm.coordinator.auth.tokens[0].token=s3cret",
                    "dtm.coordinator.auth.tokens[0].role=ADMIN")
            .run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new DtmAuthFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("dtm.coordinator.auth.tokens[0].role is 'ADMIN'")
                    .doesNotContain("s3cret");
                assertThat(analysis.getAction()).contains("READ").contains("OPERATE");
            });
    }

    @Test
    void aFailedStartupIsReportedThroughTheRegisteredAnalyzer(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(DtmCoordinatorApplication.class).properties(
                "server.port=0", "spring.main.banner-mode=off", "dtm.coordinator.enabled=true",
                "dtm.coordinator.cron-enabled=false", "dtm.coordinator.auth.enabled=true",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:auth-failed-start;DB_CLOSE_DELAY=-1");
        assertThatThrownBy(app::run).hasRootCauseInstanceOf(DtmAuthConfigurationException.class);
        assertThat(output.toString()).contains("APPLICATION FAILED TO START")
            .contains("The coordinator's API authentication is misconfigured")
            .contains("Set dtm.coordinator.auth.tokens[0].token");
    }

    @SuppressWarnings("rawtypes")
    private static List<FilterRegistrationBean<?>> authFilters(Collection<FilterRegistrationBean> registrations) {
        return registrations.stream()
            .filter(r -> r.getFilter() instanceof ApiAuthFilter)
            .<FilterRegistrationBean<?>>map(r -> r)
            .toList();
    }

}
