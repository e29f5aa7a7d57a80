package io.dtm.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dtm.spring.client.DtmClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.SpringApplication;

/**
 * {@code dtm.server} is checked at startup: a URL the client could not call stops the
 * application with the fix, and the coordinator the client calls is logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
class DtmServerStartupCheckTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmClientAutoConfiguration.class));

    @Test
    void aServerWithoutSchemeStopsStartupWithTheFix() {
        this.runner.withPropertyValues("dtm.server=localhost:36789").run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("dtm.server 'localhost:36789' is not an http(s) URL");
            assertThat(analysis.getAction()).contains("http://localhost:36789/api/dtmsvr");
        });
    }

    @Test
    void aServerWithoutTheApiPathStopsStartupWithTheFix() {
        this.runner.withPropertyValues("dtm.server=http://dtm.internal:36789").run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("does not end with the coordinator's API path /api/dtmsvr");
            assertThat(analysis.getAction()).contains("http://dtm.internal:36789/api/dtmsvr");
        });
    }

    @Test
    void aServerOfAnotherSchemeStopsStartup() {
        this.runner.withPropertyValues("dtm.server=grpc://dtm:36790/api/dtmsvr")
            .run((context) -> assertThat(analysis(context).getDescription()).contains("is not an http(s) URL"));
    }

    @Test
    void theApiUrlIsTakenWithOrWithoutATrailingSlash() {
        this.runner.withPropertyValues("dtm.server=https://dtm.internal/api/dtmsvr/")
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DtmClient.class));
        this.runner.withPropertyValues("dtm.server=http://10.0.0.5:36789/api/dtmsvr")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void theCoordinatorUrlIsLoggedOnceWhenTheApplicationIsReady(CapturedOutput output) {
        this.runner.withPropertyValues("dtm.server=http://dtm.internal:36789/api/dtmsvr").run((context) -> {
            context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                    context.getSourceApplicationContext(), null));
            assertThat(output).contains(
                    "The dtm client calls the coordinator at http://dtm.internal:36789/api/dtmsvr " + "(dtm.server)");
        });
    }

    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new DtmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).isNotNull();
        return analysis;
    }

}
