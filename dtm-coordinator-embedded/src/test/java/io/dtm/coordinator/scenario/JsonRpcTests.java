package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * dtm's JSON-RPC endpoint (docs/protocol.md#json-rpc) and msg_jrpc_test.go's bad
 * requests.
 */
class JsonRpcTests extends ScenarioTestBase {

    private Map<String, Object> rpc(String method, Object params) {
        return Map.of("jsonrpc", "2.0", "id", "1", "method", method, "params", params);
    }

    @SuppressWarnings("unchecked")
    private Integer errorCode(HttpReply reply) {
        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> error = (Map<String, Object>) reply.json().get("error");
        return error == null ? null : ((Number) error.get("code")).intValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void newGidAndAMessage() {
        HttpReply gidReply = dtm.post("/api/json-rpc", rpc("newGid", Map.of()));
        assertThat(errorCode(gidReply)).isNull();
        String gid = (String) ((Map<String, Object>) gidReply.json().get("result")).get("gid");
        assertThat(gid).hasSize(22);

        Map<String, Object> msg = trans(gid, "msg");
        msg.put("steps", List.of(Map.of("action", busiUrl() + "/TransOut")));
        msg.put("payloads", List.of("{\"amount\":30}"));
        msg.put("wait_result", true);
        assertThat(errorCode(dtm.post("/api/json-rpc", rpc("prepare", msg)))).isNull();
        assertThat(errorCode(dtm.post("/api/json-rpc", rpc("submit", msg)))).isNull();
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        assertThat(errorCode(dtm.post("/api/json-rpc", rpc("prepare", msg)))).isEqualTo(-32901);
    }

    @Test
    void branchesOverJsonRpc() {
        String gid = gid("jrpcBranch");
        Map<String, Object> msg = trans(gid, "msg");
        msg.put("protocol", "json-rpc");
        msg.put("steps", List.of(Map.of("action", busiUrl() + "/JsonRpc?method=TransOut")));
        msg.put("payloads", List.of("{\"amount\":30}"));
        busi.setOnce(gid, "JsonRpc", "ONGOING", "FAILURE", "ERROR");
        submitAndWait(msg);
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        cronOnce(gid);
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("submitted");
        cronOnce(gid);
        assertThat(dtm.status(gid)).isEqualTo("succeed");
        Busi.Call call = busi.calls(gid).get(0);
        assertThat(call.body()).contains("\"jsonrpc\":\"2.0\"")
            .contains("\"method\":\"TransOut\"")
            .contains("\"amount\":30")
            .contains("\"op\":\"action\"");
    }

    @Test
    void badRequests() {
        assertThat(errorCode(dtm.post("/api/json-rpc", "not json"))).isEqualTo(-32700);
        assertThat(errorCode(dtm.post("/api/json-rpc", Map.of("jsonrpc", "2.0", "method", "newGid"))))
            .isEqualTo(-32600);
        assertThat(errorCode(dtm.post("/api/json-rpc", Map.of("jsonrpc", "1.0", "id", "1", "method", "newGid"))))
            .isEqualTo(-32600);
        assertThat(errorCode(dtm.post("/api/json-rpc", rpc("launch", Map.of())))).isEqualTo(-32601);
        assertThat(errorCode(dtm.post("/api/json-rpc", rpc("submit", Map.of("trans_type", "saga"))))).isEqualTo(-32603);
    }

}
