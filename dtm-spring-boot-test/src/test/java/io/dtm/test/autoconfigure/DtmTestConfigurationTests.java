package io.dtm.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.fixture.bank.TestBankApplication;
import io.dtm.spring.client.DtmClient;
import io.dtm.test.DtmTest;
import io.dtm.test.engine.VirtualClock;
import io.dtm.test.fault.FaultInjectingBranchCaller;
import io.dtm.test.fault.InitiatorCallFaultFilter;

/**
 * What {@link DtmTest} puts into a context, with the application's own configuration
 * saying otherwise.
 */
@SpringBootTest(classes = TestBankApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "dtm.server=http://coordinator.example:36789/api/dtmsvr", "dtm.coordinator.cron-enabled=true",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:shared;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.callback.allowed-urls[0]=https://bank.example/**" })
@DtmTest
class DtmTestConfigurationTests {

    @Autowired
    Environment environment;

    @Autowired
    DtmClient client;

    @Autowired
    CoordinatorClock clock;

    @Autowired
    FaultInjectingBranchCaller caller;

    @Autowired
    CronPoller poller;

    @Autowired
    FilterRegistrationBean<InitiatorCallFaultFilter> initiatorCallFaults;

    @LocalServerPort
    int port;

    @Test
    void theClientTalksToTheCoordinatorOfThisContext() {
        assertThat(this.client.server()).isEqualTo("http://localhost:" + this.port + "/api/dtmsvr");
    }

    @Test
    void theCoordinatorCallsThisApplicationWhateverItsProductionAllowList() {
        assertThat(this.caller.urlPolicy().refusal("http://localhost:" + this.port + "/api/bank/TransIn")).isNull();
    }

    @Test
    void theCoordinatorKeepsItsTransactionsInAnInMemoryDatabaseOfItsOwn() {
        assertThat(this.environment.getProperty("dtm.coordinator.store.jdbc.url")).startsWith("jdbc:h2:mem:dtm-test-");
    }

    @Test
    void theTestDrivesTheCoordinatorsTimeAndBranchCalls() {
        assertThat(this.clock).isInstanceOf(VirtualClock.class);
        assertThat(this.caller).isNotNull();
        assertThat(this.poller.isRunning()).isFalse();
    }

    @Test
    void faultsOnTheInitiatorsBranchCallsAreAppliedBeforeAnyOtherFilterRuns() {
        assertThat(this.initiatorCallFaults.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
        assertThat(this.initiatorCallFaults.isEnabled()).isTrue();
    }

}
