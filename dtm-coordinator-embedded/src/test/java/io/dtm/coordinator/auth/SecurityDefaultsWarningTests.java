package io.dtm.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.dtm.coordinator.autoconfigure.DtmCoordinatorEngineAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorJdbcStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorWebAutoConfiguration;

/** The one startup line about open security defaults, as the coordinator logs it. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityDefaultsWarningTests {

    private static final String WARNING = "dtm security defaults for development: ";

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                DtmCoordinatorStoreAutoConfiguration.class, DtmCoordinatorEngineAutoConfiguration.class,
                DtmCoordinatorWebAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:security-defaults;DB_CLOSE_DELAY=-1");

    @Test
    void theDefaultsAreNamedInOneLine(CapturedOutput output) {
        runner.run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).containsOnlyOnce(WARNING)
            .contains(WARNING + "the API is open to every interface without authentication "
                    + "(dtm.coordinator.auth.enabled, or server.address=127.0.0.1); "
                    + "branch calls are not signed (dtm.coordinator.callback.signing-keys); "
                    + "any branch URL is called (dtm.coordinator.callback.allowed-urls). See docs/security.md.")
            .doesNotContain("dtm.callback.secrets");
        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN "))).hasSize(1);
    }

    @Test
    void nothingOnceEachIsClosed(CapturedOutput output) {
        runner
            .withPropertyValues("dtm.coordinator.auth.enabled=true", "dtm.coordinator.auth.tokens[0].token=" + KEY,
                    "dtm.coordinator.auth.tokens[0].role=OPERATE", "dtm.coordinator.callback.signing-keys=" + KEY,
                    "dtm.coordinator.callback.allowed-urls=http://bank:8081/api/**")
            .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("dtm security defaults");
    }

    @Test
    void onlyTheItemsThatApply(CapturedOutput output) {
        // authentication off, but only loopback can reach the API
        runner
            .withPropertyValues("server.address=127.0.0.1", "dtm.coordinator.callback.signing-keys=" + KEY,
                    "dtm.coordinator.callback.allowed-urls=http://bank:8081/api/**")
            .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("dtm security defaults");
        runner.withPropertyValues("dtm.coordinator.callback.signing-keys=" + KEY)
            .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).containsOnlyOnce(WARNING)
            .contains("(dtm.coordinator.auth.enabled, or server.address=127.0.0.1); any branch URL is called")
            .doesNotContain("branch calls are not signed");
    }

    @Test
    void namesTheStartersCallbackEndpointsWhenItRunsHereWithoutASecret(CapturedOutput output) {
        WebApplicationContextRunner withStarter = runner.withUserConfiguration(StarterGuard.class)
            .withPropertyValues("server.address=127.0.0.1", "dtm.coordinator.callback.signing-keys=" + KEY,
                    "dtm.coordinator.callback.allowed-urls=http://bank:8081/api/**");
        withStarter.withPropertyValues("dtm.callback.secrets[0]=" + KEY)
            .run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain("dtm security defaults");
        withStarter.run(context -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).containsOnlyOnce(WARNING + "this service's callback endpoints accept unsigned "
                + "calls (dtm.callback.secrets). See docs/security.md.");
    }

    @Test
    void loopbackAddresses() {
        assertThat(SecurityDefaultsWarning.reachableBeyondLoopback(null)).isTrue();
        assertThat(SecurityDefaultsWarning.reachableBeyondLoopback(" ")).isTrue();
        assertThat(SecurityDefaultsWarning.reachableBeyondLoopback("0.0.0.0")).isTrue();
        assertThat(SecurityDefaultsWarning.reachableBeyondLoopback("127.0.0.1")).isFalse();
        assertThat(SecurityDefaultsWarning.reachableBeyondLoopback("::1")).isFalse();
    }

    /**
     * Stands in for the dtm starter's callback guard, which the coordinator knows by
     * name.
     */
    @Configuration(proxyBeanMethods = false)
    static class StarterGuard {

        @Bean
        Object dtmSignedCallbackGuard() {
            return new Object();
        }

    }

}
