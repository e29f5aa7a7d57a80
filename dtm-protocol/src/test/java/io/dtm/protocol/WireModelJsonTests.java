package io.dtm.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of the model is dtm's, field for field and in dtm's order. */
class WireModelJsonTests {

    private static final Instant T = Instant.parse("2024-05-06T07:08:09.123Z");

    @Test
    void anEmptyGlobalKeepsIdTimesOptionsAndConcurrent() {
        assertThat(write(new TransGlobal())).isEqualTo("{\"id\":null,\"create_time\":null,\"update_time\":null,"
                + "\"protocol\":\"http\",\"options\":\"{\\\"concurrent\\\":false}\",\"concurrent\":false}");
    }

    @Test
    void aFullGlobalHasEveryFieldInDtmsOrderWithTheOptionsTwice() {
        String expected = "{\"id\":42,\"create_time\":\"T0\",\"update_time\":\"T0\",\"gid\":\"g1\",\"trans_type\":\"saga\","
                + "\"steps\":[{\"action\":\"http://a/x\"},{\"compensate\":\"\"}],\"payloads\":[\"{\\\"a\\\":1}\",\"\"],"
                + "\"status\":\"submitted\",\"query_prepared\":\"http://q\",\"protocol\":\"json-rpc\","
                + "\"finish_time\":\"T1\",\"rollback_time\":\"T2\",\"result\":\"r\",\"rollback_reason\":\"why\","
                + "\"options\":\"{\\\"wait_result\\\":true,\\\"timeout_to_fail\\\":60,\\\"request_timeout\\\":3,"
                + "\\\"retry_interval\\\":5,\\\"branch_headers\\\":{\\\"X-A\\\":\\\"1\\\"},\\\"concurrent\\\":true,"
                + "\\\"retry_limit\\\":7,\\\"retry_count\\\":2}\","
                + "\"custom_data\":\"{\\\"concurrent\\\":true}\",\"next_cron_interval\":10,\"next_cron_time\":\"T10\","
                + "\"owner\":\"lease\",\"ext_data\":\"{}\",\"wait_result\":true,\"timeout_to_fail\":60,"
                + "\"request_timeout\":3,\"retry_interval\":5,\"branch_headers\":{\"X-A\":\"1\"},\"concurrent\":true,"
                + "\"retry_limit\":7,\"retry_count\":2}";
        assertThat(write(fullGlobal())).isEqualTo(times(expected));
    }

    @Test
    void aGlobalReadsBackFromItsOptionsText() {
        String json = write(fullGlobal());
        TransGlobal back = WireJson.MAPPER.readValue(json, TransGlobal.class);
        assertThat(write(back)).isEqualTo(json);
        assertThat(back.getCreateTime()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(back.getOptions().getBranchHeaders()).containsEntry("X-A", "1");
        assertThat(back.getSteps()).hasSize(2);
    }

    @Test
    void theInlineOptionsAreNotRead() {
        TransGlobal g = WireJson.MAPPER.readValue("{\"gid\":\"g\",\"options\":\"{\\\"retry_interval\\\":9}\","
                + "\"retry_interval\":5,\"concurrent\":true,\"wait_result\":true}", TransGlobal.class);
        assertThat(g.getOptions().getRetryInterval()).isEqualTo(9);
        assertThat(g.getOptions().isConcurrent()).isFalse();
        assertThat(g.getOptions().isWaitResult()).isFalse();
    }

    @Test
    void aRowWrittenByDtmIsReadable() {
        TransGlobal g = WireJson.MAPPER
            .readValue("{\"id\":7,\"gid\":\"g\",\"trans_type\":\"msg\",\"status\":\"prepared\","
                    + "\"protocol\":\"\",\"create_time\":\"2024-05-06T15:08:09.5+08:00\",\"options\":"
                    + "\"{\\\"passthrough_headers\\\":[\\\"x\\\"],\\\"concurrent\\\":false,\\\"Retry_Interval\\\":4}\","
                    + "\"next_cron_interval\":10,\"bin_payloads\":null}", TransGlobal.class);
        assertThat(g.getId()).isEqualTo(7);
        assertThat(g.getProtocol()).isEqualTo("http");
        assertThat(g.getCreateTime()).isEqualTo(Instant.parse("2024-05-06T07:08:09.5Z"));
        assertThat(g.getOptions().getRetryInterval()).isEqualTo(4);
        assertThat(g.getQueryPrepared()).isEmpty();
        assertThat(TransOptions.fromJson("").isConcurrent()).isFalse();
        assertThat(TransOptions.fromJson(null).getBranchHeaders()).isEmpty();
    }

    @Test
    void optionsLeaveOutZerosButNotConcurrent() {
        TransOptions options = new TransOptions();
        assertThat(options.toJson()).isEqualTo("{\"concurrent\":false}");
        options.setRetryLimit(3);
        options.setWaitResult(true);
        assertThat(options.toJson()).isEqualTo("{\"wait_result\":true,\"concurrent\":false,\"retry_limit\":3}");
    }

    @Test
    void aBranchHasItsDataInStandardBase64() {
        assertThat(write(new TransBranch())).isEqualTo("{\"id\":null,\"create_time\":null,\"update_time\":null}");
        TransBranch b = new TransBranch("g", "http://u", "{\"a\":\"ü\"}".getBytes(StandardCharsets.UTF_8), "01",
                "action", "prepared", T);
        b.setId(3L);
        b.setFinishTime(T);
        String json = write(b);
        assertThat(json).isEqualTo(times("{\"id\":3,\"create_time\":\"T0\",\"update_time\":\"T0\",\"gid\":\"g\","
                + "\"url\":\"http://u\",\"bin_data\":\"eyJhIjoiw7wifQ==\",\"branch_id\":\"01\",\"op\":\"action\","
                + "\"status\":\"prepared\",\"finish_time\":\"T0\"}"));
        TransBranch back = WireJson.MAPPER.readValue(json, TransBranch.class);
        assertThat(new String(back.getBinData(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"ü\"}");
        assertThat(write(back)).isEqualTo(json);
    }

    @Test
    void aKvRowHasItsTimesAfterTheId() {
        KvEntry kv = new KvEntry(5L, KvEntry.CAT_TOPICS, "t1", "[]", 2, T, T.plusSeconds(1));
        String json = write(kv);
        assertThat(json).isEqualTo(times("{\"id\":5,\"create_time\":\"T0\",\"update_time\":\"T1\",\"cat\":\"topics\","
                + "\"k\":\"t1\",\"v\":\"[]\",\"version\":2}"));
        assertThat(WireJson.MAPPER.readValue(json, KvEntry.class))
            .isEqualTo(new KvEntry(5L, "topics", "t1", "[]", 2, T.minusMillis(123), T.plusSeconds(1).minusMillis(123)));
    }

    @Test
    void aRequestSendsWhatIsSetAndAlwaysProtocolAndConcurrent() {
        TransRequest request = new TransRequest("g", TransType.MSG);
        JsonMapper sorted = JsonMapper.builder().build();
        JsonMapper declared = JsonMapper.builder().disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
        assertThat(sorted.writeValueAsString(request))
            .isEqualTo("{\"concurrent\":false,\"gid\":\"g\",\"protocol\":\"http\",\"trans_type\":\"msg\"}");
        request.addStep(Map.of("action", "http://a"), "{}");
        request.setWaitResult(true);
        request.setRetryLimit(0L);
        request.putBranchHeader("h", "v");
        request.setReqExtra(Map.of("status", "succeed"));
        assertThat(declared.writeValueAsString(request)).isEqualTo("{\"gid\":\"g\",\"trans_type\":\"msg\","
                + "\"steps\":[{\"action\":\"http://a\"}],\"payloads\":[\"{}\"],\"protocol\":\"http\","
                + "\"wait_result\":true,\"retry_limit\":0,\"branch_headers\":{\"h\":\"v\"},\"concurrent\":false,"
                + "\"req_extra\":{\"status\":\"succeed\"}}");
    }

    @Test
    void aRequestsOptionsAreZeroWhereItLeavesTheDefault() {
        TransRequest request = new TransRequest("g", "saga");
        request.setTimeoutToFail(60L);
        request.setConcurrent(true);
        TransOptions options = request.toOptions();
        assertThat(options.toJson()).isEqualTo("{\"timeout_to_fail\":60,\"concurrent\":true}");
        assertThat(request.isWaitResult()).isFalse();
    }

    private static TransGlobal fullGlobal() {
        TransGlobal g = new TransGlobal();
        g.setId(42L);
        g.setGid("g1");
        g.setTransType("saga");
        g.setStatus("submitted");
        g.setCreateTime(T);
        g.setUpdateTime(T);
        g.setNextCronInterval(10);
        g.setNextCronTime(T.plusSeconds(10));
        List<Map<String, String>> steps = new ArrayList<>();
        steps.add(Map.of("action", "http://a/x"));
        steps.add(Map.of("compensate", ""));
        g.setSteps(steps);
        g.setPayloads(new ArrayList<>(List.of("{\"a\":1}", "")));
        g.setQueryPrepared("http://q");
        g.setProtocol("json-rpc");
        g.setFinishTime(T.plusSeconds(1));
        g.setRollbackTime(T.plusSeconds(2));
        g.setResult("r");
        g.setRollbackReason("why");
        g.setCustomData("{\"concurrent\":true}");
        g.setOwner("lease");
        g.setExtData("{}");
        TransOptions o = g.getOptions();
        o.setWaitResult(true);
        o.setTimeoutToFail(60);
        o.setRequestTimeout(3);
        o.setRetryInterval(5);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-A", "1");
        o.setBranchHeaders(headers);
        o.setConcurrent(true);
        o.setRetryLimit(7);
        o.setRetryCount(2);
        return g;
    }

    private static String write(Object value) {
        return WireJson.MAPPER.writeValueAsString(value);
    }

    /** Puts the local rendering of T plus n seconds where the expected text says Tn. */
    private static String times(String expected) {
        String out = expected;
        for (int n : new int[] { 10, 2, 1, 0 }) {
            out = out.replace("\"T" + n + "\"", "\"" + WireTime.format(T.plusSeconds(n)) + "\"");
        }
        return out;
    }

}
