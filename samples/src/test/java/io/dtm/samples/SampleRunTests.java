package io.dtm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.dtm.samples.transfer.Mode;
import io.dtm.samples.transfer.TransferDemo;
import io.dtm.samples.transfer.TransferReport;
import io.dtm.samples.transfer.TransferResult;
import io.dtm.samples.transfer.TransferRunner;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What {@code scripts/run-sample.sh} runs and prints: every mode, success and forced
 * failure, on H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "samples.run-on-startup=true", "samples.stay-up=true",
                "spring.datasource.url=jdbc:h2:mem:bank-run;DB_CLOSE_DELAY=-1",
                "dtm.coordinator.store.jdbc.url=jdbc:h2:mem:dtm-run;DB_CLOSE_DELAY=-1" })
class SampleRunTests {

    @Autowired
    TransferRunner runner;

    @Test
    void everyTransferEndsAsExpectedAndXaIsSkipped() {
        List<TransferResult> results = this.runner.results();
        assertThat(results).extracting(TransferResult::mode)
            .containsExactly(Mode.SAGA, Mode.SAGA, Mode.TCC, Mode.TCC, Mode.MSG, Mode.MSG, Mode.XA, Mode.WORKFLOW,
                    Mode.WORKFLOW);
        assertThat(results).allMatch((result) -> result.asExpected(TransferDemo.AMOUNT));
        assertThat(results).filteredOn(TransferResult::skipped)
            .extracting(TransferResult::mode)
            .containsExactly(Mode.XA);
        assertThat(results).filteredOn((result) -> !result.skipped())
            .extracting(TransferResult::status)
            .containsExactly("succeed", "failed", "succeed", "failed", "succeed", TransferResult.NEVER_SENT, "succeed",
                    "failed");
        assertThat(this.runner.allAsExpected()).isTrue();
        // the app stays up with samples.stay-up=true
        assertThat(this.runner.shouldExit()).isFalse();
    }

    @Test
    void theReportShowsTheCallsTheStatusAndTheBalances() {
        TransferResult sagaFailure = this.runner.results().get(1);
        String report = TransferReport.describe(sagaFailure, TransferDemo.AMOUNT);
        assertThat(report).contains("== saga, TransIn forced to FAILURE ==")
            .contains("1. TransOut               200 ok")
            .contains("2. TransIn                409 FAILURE: forced to FAILURE by the request")
            .contains("3. TransInRevert          200 no-op: the barrier saw that its action never committed")
            .contains("4. TransOutRevert         200 ok")
            .contains("final status: failed")
            .contains("balances before: account 1 = 10000, account 2 = 10000")
            .contains("balances after:  account 1 = 10000, account 2 = 10000   (expected: unchanged) OK");
        String summary = TransferReport.summary(this.runner.results(), TransferDemo.AMOUNT);
        assertThat(summary)
            .contains("saga      success         succeed    account 1 =  9970, account 2 = 10030   as expected")
            .contains("xa        both runs       skipped: needs MariaDB/MySQL or PostgreSQL")
            .doesNotContain("NOT AS EXPECTED");
    }

}
