package io.dtm.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class DtmReplyTests {

    @Test
    void exactly200IsSuccess() {
        assertThat(outcome(200, "")).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(outcome(200, null)).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(outcome(200, "{\"dtm_result\":\"SUCCESS\"}")).isEqualTo(ReplyOutcome.SUCCESS);
        assertThat(outcome(201, "")).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(outcome(204, "")).isEqualTo(ReplyOutcome.RETRYABLE);
    }

    @Test
    void statusesOfDtmsResults() {
        assertThat(outcome(409, "")).isEqualTo(ReplyOutcome.FAILURE);
        assertThat(outcome(425, "")).isEqualTo(ReplyOutcome.ONGOING);
        assertThat(outcome(500, "")).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(outcome(404, "not found")).isEqualTo(ReplyOutcome.RETRYABLE);
    }

    @Test
    void resultWordsCountAnywhereInTheBody() {
        assertThat(outcome(200, "{\"dtm_result\":\"FAILURE\",\"message\":\"x\"}")).isEqualTo(ReplyOutcome.FAILURE);
        assertThat(outcome(200, "{\"dtm_result\":\"ONGOING\"}")).isEqualTo(ReplyOutcome.ONGOING);
        assertThat(outcome(500, "wrapped: FAILURE")).isEqualTo(ReplyOutcome.FAILURE);
        assertThat(outcome(503, "ONGOING")).isEqualTo(ReplyOutcome.ONGOING);
        assertThat(outcome(200, "failure")).isEqualTo(ReplyOutcome.SUCCESS);
    }

    @Test
    void ongoingIsReadBeforeFailure() {
        assertThat(outcome(409, "ONGOING")).isEqualTo(ReplyOutcome.ONGOING);
        assertThat(outcome(425, "FAILURE")).isEqualTo(ReplyOutcome.ONGOING);
        assertThat(outcome(200, "FAILURE then ONGOING")).isEqualTo(ReplyOutcome.ONGOING);
    }

    @Test
    void checkThrowsTheExceptionOfTheOutcome() {
        DtmReply ok = new DtmReply(200, "{}");
        assertThat(ok.check("submit g1")).isSameAs(ok);
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> new DtmReply(409, "{\"dtm_result\":\"FAILURE\"}").check("submit g1"))
            .withMessage("submit g1: {\"dtm_result\":\"FAILURE\"}");
        assertThatExceptionOfType(DtmOngoingException.class).isThrownBy(() -> new DtmReply(425, null).check("try"))
            .withMessage("try: ");
        assertThatExceptionOfType(DtmRetryableException.class)
            .isThrownBy(() -> new DtmReply(502, "bad gateway").check("prepare g2"))
            .withMessage("prepare g2: status 502 bad gateway")
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(502));
    }

    @Test
    void theFamilySharesOneBase() {
        assertThat(new DtmFailureException("f")).isInstanceOf(DtmException.class);
        assertThat(new DtmOngoingException("o")).isInstanceOf(DtmException.class);
        assertThat(new DtmDuplicatedException("d")).isInstanceOf(DtmException.class);
        assertThat(new DtmRetryableException("r", new RuntimeException()).status()).isEqualTo(-1);
    }

    private static ReplyOutcome outcome(int status, String body) {
        return new DtmReply(status, body).outcome();
    }

}
