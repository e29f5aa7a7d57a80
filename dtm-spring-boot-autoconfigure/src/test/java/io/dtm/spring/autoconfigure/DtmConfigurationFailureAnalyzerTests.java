package io.dtm.spring.autoconfigure;

import java.util.List;

import io.dtm.spring.annotation.InvalidDtmAnnotationsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's failure analyzers, alone and as a failed startup reports them. */
@ExtendWith(OutputCaptureExtension.class)
class DtmConfigurationFailureAnalyzerTests {

    @Test
    void describesTheProblemAndTheFix() {
        DtmConfigurationException failure = new DtmConfigurationException("Bad.", "Fix it.");
        FailureAnalysis analysis = new DtmConfigurationFailureAnalyzer()
            .analyze(new BeanCreationException("dtmClient", "wrapped", failure));
        assertThat(analysis.getDescription()).isEqualTo("The dtm client is misconfigured: Bad.");
        assertThat(analysis.getAction()).isEqualTo("Fix it.");
        assertThat(analysis.getCause()).isSameAs(failure);
        assertThat(new DtmConfigurationFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
    }

    @Test
    void listsTheInvalidAnnotations() {
        FailureAnalysis analysis = new InvalidDtmAnnotationsFailureAnalyzer()
            .analyze(new InvalidDtmAnnotationsException(List.of("@A on x() is wrong: do y", "@B on z() too")));
        assertThat(analysis.getDescription())
            .isEqualTo("Invalid dtm annotations:\n - @A on x() is wrong: do y\n - @B on z() too");
        assertThat(new InvalidDtmAnnotationsFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
    }

    @Test
    void aFailedStartupIsReportedThroughTheRegisteredAnalyzer(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(ClientApp.class).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "dtm.callback.secrets=short");
        assertThatThrownBy(app::run).hasRootCauseInstanceOf(DtmConfigurationException.class);
        assertThat(output.toString()).contains("APPLICATION FAILED TO START")
            .contains("The dtm client is misconfigured: dtm.callback.secrets: every secret needs at least 16 "
                    + "characters.")
            .contains("Use the coordinator's dtm.coordinator.callback.signing-keys.");
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration(DtmClientAutoConfiguration.class)
    static class ClientApp {

    }

}
