package io.dtm.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.dtm.protocol.ReplyOutcome;
import io.dtm.test.fault.BranchCall;
import io.dtm.test.fault.BranchTarget;
import io.dtm.test.web.LocalServerUrls;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

/**
 * What a failed assertion and a broken matrix print: each failed call with its URL and
 * error, repeats collapsed, and a one-line hint on top of the broken runs.
 */
class FailureOutputTests {

    private static final BranchTarget TRANS_OUT = new BranchTarget("g1", "saga", "01", "action",
            "http://localhost:0/api/bank/transOut");

    @Test
    void repeatedFailedCallsAreOneLineWithTheirUrlAndError() {
        List<BranchCall> calls = new ArrayList<>(Collections.nCopies(31, new BranchCall(TRANS_OUT, null,
                ReplyOutcome.RETRYABLE,
                "call http://localhost:0/api/bank/transOut?gid=g1 failed: java.net.ConnectException: Connection refused")));
        RecordedTransaction transaction = new RecordedTransaction("g1", "saga", "submitted", "", List.of(), calls);

        assertThat(transaction.toString())
            .contains(
                    "transOut -> RETRYABLE \u00d731: http://localhost:0/api/bank/transOut: java.net.ConnectException: "
                            + "Connection refused")
            .hasLineCount(2);
    }

    @Test
    void successfulCallsAndInjectedFaultsKeepTheirShortForm() {
        List<BranchCall> calls = List.of(new BranchCall(TRANS_OUT, null, ReplyOutcome.SUCCESS, ""),
                new BranchCall(TRANS_OUT, io.dtm.test.fault.Fault.ERROR_AFTER_COMMIT, ReplyOutcome.RETRYABLE, "x"));

        assertThat(BranchCall.describeAll(calls)).containsExactly("transOut -> SUCCESS",
                "transOut -> RETRYABLE [reply lost after commit]");
    }

    @Test
    void theHintNamesTheHandlerEveryBrokenRunRepeats() {
        String hint = FaultMatrix.hint(List.of(Set.of("TransOut", "TransOutRevert"),
                Set.of("TransInRevert", "TransOutRevert"), Set.of("TransOutRevert")));

        assertThat(hint).startsWith("every broken run repeats `TransOutRevert`")
            .contains("behind the branch barrier (@DtmBarrier");
    }

    @Test
    void theHintNamesTheHandlerMostBrokenRunsRepeat() {
        String hint = FaultMatrix.hint(List.of(Set.of("TransOutRevert"), Set.of("TransOutRevert"), Set.of("TransIn")));

        assertThat(hint).startsWith("2 of 3 broken runs repeat `TransOutRevert` or run it");
    }

    @Test
    void aUrlWithPortZeroTakesTheLocalServerPort() {
        LocalServerUrls urls = new LocalServerUrls(new MockEnvironment().withProperty("local.server.port", "8123"));

        assertThat(urls.resolve("http://localhost:0/api/x?a=1")).isEqualTo("http://localhost:8123/api/x?a=1");
        assertThat(urls.resolve("http://127.0.0.1:0/api/x")).isEqualTo("http://127.0.0.1:8123/api/x");
        assertThat(urls.resolve("http://bank:0/api/x")).isEqualTo("http://bank:0/api/x");
        assertThat(urls.resolve("http://localhost:9000/api/x")).isEqualTo("http://localhost:9000/api/x");
    }

    @Test
    void aUrlWithPortZeroBeforeTheServerStartedIsRefusedNamingTheFix() {
        LocalServerUrls urls = new LocalServerUrls(new MockEnvironment());

        assertThatIllegalStateException().isThrownBy(() -> urls.resolve("http://localhost:0/api/x"))
            .withMessageContaining("names port 0")
            .withMessageContaining("${local.server.port}");
    }

}
