package io.dtm.spring.autoconfigure;

import io.dtm.coordinator.autoconfigure.DtmCoordinatorEngineAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorJdbcStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorWebAutoConfiguration;
import io.dtm.spring.security.SignedCallbackGuard;
import io.dtm.spring.web.DtmCallbackController;
import io.dtm.spring.web.DtmExceptionHandler;
import io.dtm.spring.web.DtmHandlerExceptionResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DtmWebAutoConfigurationTests {

    private static final String UNSIGNED_CALLBACKS = "dtm.callback.secrets is not set";

    private static final String SECURITY_DEFAULTS = "dtm security defaults for development: ";

    private static final AutoConfigurations WEB = AutoConfigurations.of(DtmClientAutoConfiguration.class,
            DtmWebAutoConfiguration.class);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(WEB);

    @Test
    void repliesAndCallbackEndpointsInServletApplications() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
            .hasSingleBean(DtmExceptionHandler.class)
            .hasSingleBean(DtmHandlerExceptionResolver.class)
            .hasSingleBean(SignedCallbackGuard.class)
            .hasSingleBean(DtmCallbackController.class)
            .hasBean("dtmCallbackSignatureFilter"));
    }

    @Test
    void offOutsideServletApplications() {
        new ApplicationContextRunner().withConfiguration(WEB)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DtmCallbackController.class));
    }

    @Test
    void offWithoutSpringMvc() {
        this.runner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DtmCallbackController.class));
    }

    @Test
    void offWhenDtmIsDisabled() {
        this.runner.withPropertyValues("dtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmCallbackController.class)
                .doesNotHaveBean(DtmExceptionHandler.class)
                .doesNotHaveBean("dtmCallbackSignatureFilter"));
    }

    @Test
    void backsOffForTheApplicationsBeans() {
        this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(DtmHandlerExceptionResolver.class)
                .hasSingleBean(SignedCallbackGuard.class);
            assertThat(context.getBean(DtmHandlerExceptionResolver.class)).isSameAs(context.getBean("myResolver"));
            assertThat(context.getBean(SignedCallbackGuard.class)).isSameAs(context.getBean("myGuard"));
        });
    }

    @Test
    void verifyingHandlersWithoutASecretIsExplained() {
        this.runner.withPropertyValues("dtm.callback.verify=true").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new DtmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                .isEqualTo("The dtm client is misconfigured: dtm.callback.verify=true needs dtm.callback.secrets.");
            assertThat(analysis.getAction()).contains("dtm.coordinator.callback.signing-keys")
                .contains("dtm.callback.verify=false");
        });
        this.runner.withPropertyValues("dtm.callback.verify=true", "dtm.callback.secrets=0123456789abcdef")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void unsignedCallbacksAreWarnedAboutInOneLine(CapturedOutput output) {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).containsOnlyOnce(UNSIGNED_CALLBACKS)
            .contains("accept calls from anyone who can reach this service")
            .doesNotContain(SECURITY_DEFAULTS);
    }

    @Test
    void noWarningWithASecret(CapturedOutput output) {
        this.runner.withPropertyValues("dtm.callback.secrets=0123456789abcdef")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output.getOut()).doesNotContain(UNSIGNED_CALLBACKS);
    }

    @Test
    void withAnEmbeddedCoordinatorItsOneLineNamesTheUnsignedCallbacks(CapturedOutput output) {
        this.runner
            .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                    DtmCoordinatorStoreAutoConfiguration.class, DtmCoordinatorEngineAutoConfiguration.class,
                    DtmCoordinatorWebAutoConfiguration.class))
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false",
                    "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:starter-security-defaults;DB_CLOSE_DELAY=-1")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DtmCallbackController.class));
        assertThat(output.getOut()).containsOnlyOnce(SECURITY_DEFAULTS)
            .contains(SECURITY_DEFAULTS + "the API is open to every interface without authentication "
                    + "(dtm.coordinator.auth.enabled, or server.address=127.0.0.1); "
                    + "branch calls are not signed (dtm.coordinator.callback.signing-keys); "
                    + "any branch URL is called (dtm.coordinator.callback.allowed-urls); "
                    + "this service's callback endpoints accept unsigned calls (dtm.callback.secrets). "
                    + "See docs/security.md.")
            .doesNotContain(UNSIGNED_CALLBACKS)
            .doesNotContain("signing-keys is empty")
            .doesNotContain("allowed-urls is empty");
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean
        DtmHandlerExceptionResolver myResolver() {
            return new DtmHandlerExceptionResolver();
        }

        @Bean
        SignedCallbackGuard myGuard() {
            return new SignedCallbackGuard(io.dtm.spring.security.CallbackSignatures.of(java.util.List.of()), false);
        }

    }

}
