package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;

import io.dtm.coordinator.DtmCoordinatorApplication;
import io.dtm.coordinator.store.CoordinatorStoreException;

@ExtendWith(OutputCaptureExtension.class)
class CoordinatorStoreFailureAnalyzerTests {

    @Test
    void describesTheProblemAndTheFix() {
        CoordinatorStoreException failure = new CoordinatorStoreException("The store is down.", "Start it.");
        FailureAnalysis analysis = new CoordinatorStoreFailureAnalyzer()
            .analyze(new BeanCreationException("dtmTransStore", "wrapped", failure));
        assertThat(analysis.getDescription()).isEqualTo("The dtm coordinator's store cannot start: The store is down.");
        assertThat(analysis.getAction()).isEqualTo("Start it.");
        assertThat(analysis.getCause()).isSameAs(failure);
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(new CoordinatorStoreFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
    }

    @Test
    void aStandaloneCoordinatorWithoutThePostgresDriverSaysWhichDependencyToAdd(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(DtmCoordinatorApplication.class)
            .resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.postgresql")))
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "dtm.coordinator.enabled=true",
                    "dtm.coordinator.cron-enabled=false", "dtm.coordinator.store.type=postgres",
                    "dtm.coordinator.store.jdbc.url=jdbc:postgresql://127.0.0.1:5432/test");
        assertThatThrownBy(app::run).hasRootCauseInstanceOf(CoordinatorStoreException.class);
        assertThat(output.toString()).contains("APPLICATION FAILED TO START")
            .contains("The dtm coordinator's store cannot start: dtm.coordinator.store.type=postgres needs the "
                    + "PostgreSQL JDBC driver (org.postgresql.Driver), which is not on the classpath.")
            .contains("Add org.postgresql:postgresql to the application's dependencies.");
    }

}
