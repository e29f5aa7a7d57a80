package io.dtm.test.port;

import static io.dtm.test.DtmAssertions.assertThat;
import static io.dtm.test.fault.BranchSelector.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.dtm.test.DtmTest;
import io.dtm.test.DtmTestCoordinator;
import io.dtm.test.fault.Fault;
import io.dtm.test.port.PortZeroApplication.Initiator;
import io.dtm.test.port.PortZeroApplication.Participant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A Feign client whose URL was resolved from {@code server.port}, which is 0 under a
 * random port, reaches the application's own handlers under {@link DtmTest}: the saga's
 * steps and the initiator's TCC try hold the port the web server listens on.
 */
@SpringBootTest(classes = PortZeroApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "port-zero.self-url=http://localhost:${server.port}",
                "spring.cloud.openfeign.lazy-attributes-resolution=false", "logging.level.io.dtm.test=INFO" })
@DtmTest
@ExtendWith(OutputCaptureExtension.class)
class PortZeroTests {

    @Autowired
    DtmTestCoordinator dtm;

    @Autowired
    Initiator initiator;

    @Autowired
    Participant participant;

    @BeforeEach
    void forget() {
        this.participant.handled().clear();
    }

    @Test
    void aSagaStepResolvedFromServerPortReachesThisApplication() {
        this.initiator.saga();
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded().hasCalls("step");
        assertThat(this.dtm.calls().get(0).target().url()).doesNotContain(":0/");
        assertThat(this.participant.handled()).containsExactly("step");
    }

    @Test
    void aTccTryResolvedFromServerPortReachesThisApplication() {
        this.initiator.tcc();
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded().calledInOrder("try", "confirm");
        assertThat(this.participant.handled()).containsExactly("try", "confirm");
    }

    @Test
    void anInjectedCoordinatorCrashIsLoggedAtInfoWithoutAStackTrace(CapturedOutput output) {
        this.dtm.inject(Fault.COORDINATOR_CRASH_AFTER_CALL.on(named("step")));
        this.initiator.saga();
        this.dtm.runUntilIdle();

        assertThat(this.dtm.lastTransaction()).succeeded();
        assertThat(output).contains("INFO").contains("coordinator crash injected by the test after step");
        assertThat(output).doesNotContain("ERROR").doesNotContain("CoordinatorCrash");
    }

}
