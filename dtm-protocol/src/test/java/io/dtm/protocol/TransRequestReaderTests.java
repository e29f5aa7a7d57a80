package io.dtm.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TransRequestReaderTests {

    @Test
    void readsEveryFieldOfTheTransBody() {
        TransRequest r = read("{\"gid\":\"g\",\"trans_type\":\"saga\",\"steps\":[{\"action\":\"http://a\","
                + "\"compensate\":\"http://c\"}],\"payloads\":[\"{}\"],\"query_prepared\":\"http://q\","
                + "\"protocol\":\"json-rpc\",\"custom_data\":\"{}\",\"rollback_reason\":\"r\",\"wait_result\":true,"
                + "\"timeout_to_fail\":1,\"request_timeout\":2,\"retry_interval\":3,\"retry_limit\":4,"
                + "\"retry_count\":5,\"branch_headers\":{\"X-A\":\"1\"},\"concurrent\":true,"
                + "\"req_extra\":{\"status\":\"succeed\"},\"unknown\":[1]}");
        assertThat(r.getGid()).isEqualTo("g");
        assertThat(r.getTransType()).isSameAs(TransType.SAGA);
        assertThat(r.getSteps()).singleElement()
            .satisfies((step) -> assertThat(step).containsEntry("action", "http://a")
                .containsEntry("compensate", "http://c"));
        assertThat(r.getPayloads()).containsExactly("{}");
        assertThat(r.getQueryPrepared()).isEqualTo("http://q");
        assertThat(r.getProtocol()).isEqualTo("json-rpc");
        assertThat(r.getCustomData()).isEqualTo("{}");
        assertThat(r.getRollbackReason()).isEqualTo("r");
        assertThat(r.isWaitResult()).isTrue();
        assertThat(r.getTimeoutToFail()).isEqualTo(1);
        assertThat(r.getRequestTimeout()).isEqualTo(2);
        assertThat(r.getRetryInterval()).isEqualTo(3);
        assertThat(r.getRetryLimit()).isEqualTo(4);
        assertThat(r.getRetryCount()).isEqualTo(5);
        assertThat(r.getBranchHeaders()).containsEntry("X-A", "1");
        assertThat(r.isConcurrent()).isTrue();
        assertThat(r.getReqExtra()).containsEntry("status", "succeed");
        assertThat(TransRequestReader.FIELDS).hasSize(17);
    }

    @Test
    void namesMatchCaseInsensitivelyAndNullIsAbsent() {
        TransRequest r = read("{\"GID\":\"g\",\"Trans_Type\":\"tcc\",\"protocol\":null}");
        assertThat(r.getGid()).isEqualTo("g");
        assertThat(r.getTransType()).isSameAs(TransType.TCC);
        assertThat(r.getProtocol()).isNull();
    }

    @Test
    void anUnknownTransTypeIsRefusedNamingTheField() {
        assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> read("{\"trans_type\":\"batch\"}"))
            .withMessage("unknown trans_type 'batch': use one of saga, tcc, xa, msg, workflow");
    }

    @Test
    void aBlankTransTypeIsLeftToTheRequiredCheck() {
        assertThat(read("{\"gid\":\"g\",\"trans_type\":\" \"}").getTransType()).isNull();
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingTheField() {
        assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> read("{\"timeout_to_fail\":\"10\"}"))
            .withMessageStartingWith("field 'timeout_to_fail' must be an integer, got ");
        assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> read("{\"steps\":{}}"))
            .withMessageStartingWith("field 'steps' must be an array of objects of URLs");
        assertThatExceptionOfType(WireFormatException.class).isThrownBy(() -> read("[1]"))
            .withMessageContaining("request body must be a JSON object");
    }

    private static TransRequest read(String json) {
        return TransRequestReader.read(StrictJson.parse(json));
    }

}
