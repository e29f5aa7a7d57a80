package io.dtm.spring.client;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.DtmRetryableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DtmHttpResultTests {

    @Test
    void repliesAreReadAsDtmReadsThem() {
        assertThat(new DtmHttpResult(200, "{\"dtm_result\":\"SUCCESS\"}").check("x").status()).isEqualTo(200);
        assertThatExceptionOfType(DtmOngoingException.class).isThrownBy(() -> new DtmHttpResult(425, "").check("x"));
        assertThatExceptionOfType(DtmOngoingException.class)
            .isThrownBy(() -> new DtmHttpResult(200, "{\"dtm_result\":\"ONGOING\"}").check("x"));
        assertThatExceptionOfType(DtmFailureException.class).isThrownBy(() -> new DtmHttpResult(409, "").check("x"));
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> new DtmHttpResult(200, "{\"dtm_result\":\"FAILURE\"}").check("x"));
        // ONGOING is checked before FAILURE, as in dtm
        assertThatExceptionOfType(DtmOngoingException.class)
            .isThrownBy(() -> new DtmHttpResult(409, "ONGOING").check("x"));
        assertThatExceptionOfType(DtmRetryableException.class).isThrownBy(() -> new DtmHttpResult(204, "").check("x"))
            .satisfies((ex) -> assertThat(ex.status()).isEqualTo(204));
        assertThatExceptionOfType(DtmRetryableException.class).isThrownBy(() -> new DtmHttpResult(500, "").check("x"));
    }

    @Test
    void checkStatusIgnoresTheWordFailureInA200Body() {
        assertThat(new DtmHttpResult(200, "{\"rollback_reason\":\"FAILURE\"}").checkStatus("x").status())
            .isEqualTo(200);
        assertThatExceptionOfType(DtmFailureException.class)
            .isThrownBy(() -> new DtmHttpResult(409, "").checkStatus("x"));
    }

    @Test
    void queryParametersAreEncoded() {
        assertThat(DtmHttp.buildUri("http://h/a?x=1", java.util.Map.of("dtm", "http://d:1/api/dtmsvr?a=b&c=d")))
            .hasToString("http://h/a?x=1&dtm=http%3A%2F%2Fd%3A1%2Fapi%2Fdtmsvr%3Fa%3Db%26c%3Dd");
    }

}
