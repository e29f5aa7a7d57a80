package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.dtm.coordinator.api.ApiLimits;
import io.dtm.coordinator.api.DtmApiExceptionHandler;
import io.dtm.coordinator.api.DtmServerController;
import io.dtm.coordinator.api.JsonRpcController;
import io.dtm.coordinator.api.PingController;
import io.dtm.coordinator.auth.SecurityDefaultsWarning;

class DtmCoordinatorWebAutoConfigurationTests {

    private static final AutoConfigurations COORDINATOR = AutoConfigurations.of(
            DtmCoordinatorJdbcStoreAutoConfiguration.class, DtmCoordinatorStoreAutoConfiguration.class,
            DtmCoordinatorEngineAutoConfiguration.class, DtmCoordinatorWebAutoConfiguration.class);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(COORDINATOR)
        .withPropertyValues("dtm.coordinator.cron-enabled=false",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:web-autoconfig;DB_CLOSE_DELAY=-1");

    @Test
    void theApiInAServletApplication() {
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.limits.max-steps=7").run(context -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(DtmServerController.class)
                .hasSingleBean(JsonRpcController.class)
                .hasSingleBean(PingController.class)
                .hasSingleBean(DtmApiExceptionHandler.class)
                .hasSingleBean(SecurityDefaultsWarning.class)
                .hasBean("dtmApiRequestFilter")
                .hasBean("dtmErrorReportValveCustomizer");
            assertThat(context.getBean(ApiLimits.class).maxSteps()).isEqualTo(7);
        });
    }

    @Test
    void offUnlessTheCoordinatorIsEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(DtmServerController.class)
            .doesNotHaveBean(ApiLimits.class));
    }

    @Test
    void offOutsideAServletApplication() {
        new ApplicationContextRunner().withConfiguration(COORDINATOR)
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false",
                    "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:web-autoconfig-none;DB_CLOSE_DELAY=-1")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DtmServerController.class)
                .doesNotHaveBean(ApiLimits.class));
    }

    @Test
    void theErrorReportValveOnlyWithTomcat() {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .withClassLoader(new FilteredClassLoader("org.apache.catalina.startup.Tomcat"))
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(DtmServerController.class)
                .doesNotHaveBean("dtmErrorReportValveCustomizer")
                .doesNotHaveBean(TomcatContextCustomizer.class));
    }

    @Test
    void backsOffForTheApplicationsBeans() {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .withUserConfiguration(UserWebBeans.class)
            .run(context -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(ApiLimits.class)
                    .hasSingleBean(PingController.class)
                    .hasSingleBean(TomcatContextCustomizer.class);
                assertThat(context.getBean(ApiLimits.class)).isSameAs(UserWebBeans.LIMITS);
                assertThat(context.getBean(PingController.class)).isSameAs(UserWebBeans.PING);
                assertThat(context.getBean("dtmErrorReportValveCustomizer")).isSameAs(UserWebBeans.VALVE_CUSTOMIZER);
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserWebBeans {

        static final ApiLimits LIMITS = new ApiLimits(4096, 3, 100, Duration.ofSeconds(1));

        static final PingController PING = new PingController();

        static final TomcatContextCustomizer VALVE_CUSTOMIZER = context -> {
        };

        @Bean
        ApiLimits myLimits() {
            return LIMITS;
        }

        @Bean
        PingController myPing() {
            return PING;
        }

        @Bean
        TomcatContextCustomizer dtmErrorReportValveCustomizer() {
            return VALVE_CUSTOMIZER;
        }

    }

}
