package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The coordinator's web defaults with authentication off: what a web page in the
 * operator's browser can no longer make it do, and the error bodies of requests Tomcat
 * refuses itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebDefaultsTests extends ScenarioTestBase {

    private HttpReply raw(String method, String target, String... headers) {
        return send(method, target, null, null, headers);
    }

    private HttpReply send(String method, String target, String contentType, String body, String... headers) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        boolean hostGiven = false;
        for (String header : headers) {
            hostGiven |= header.regionMatches(true, 0, "Host:", 0, 5);
            request.append(header).append("\r\n");
        }
        if (!hostGiven) {
            request.append("Host: localhost:").append(port).append("\r\n");
        }
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return new RawHttp(port).exchange(request + new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private String preparedTcc(String name) {
        String gid = gid(name);
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        return gid;
    }

    @Test
    void aPostWithoutJsonContentTypeIsRefusedAndChangesNothing() {
        String gid = preparedTcc("text-plain");
        String body = "{\"gid\":\"" + gid + "\"}";

        HttpReply textPlain = send("POST", "/api/dtmsvr/forceStop", "text/plain", body, "Origin: http://evil.example",
                "Sec-Fetch-Site: cross-site");
        assertThat(textPlain.status()).isEqualTo(415);
        assertThat(textPlain.json().get("message").toString()).contains("text/plain", "application/json");
        assertThat(send("POST", "/api/dtmsvr/forceStop", "application/x-www-form-urlencoded", body).status())
            .isEqualTo(415);
        assertThat(send("POST", "/api/dtmsvr/forceStop", null, body).json().get("message").toString())
            .contains("(none)");
        assertThat(send("POST", "/api/json-rpc", "text/plain",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"abort\",\"params\":{\"gid\":\"" + gid
                        + "\",\"trans_type\":\"tcc\"}}")
            .status()).isEqualTo(415);
        assertThat(dtm.status(gid)).isEqualTo("prepared");

        assertThat(send("POST", "/api/dtmsvr/forceStop", "application/json; charset=utf-8", body).status())
            .isEqualTo(200);
        assertThat(dtm.status(gid)).isEqualTo("failed");
    }

    @Test
    void aStateChangingGetMarkedCrossSiteByTheBrowserIsRefused() {
        String topic = "web-" + dtm.newGid();
        String target = "/api/dtmsvr/subscribe?topic=" + topic + "&url="
                + URLEncoder.encode(busiUrl() + "/TransIn", StandardCharsets.UTF_8) + "&remark=r";

        HttpReply crossSite = raw("GET", target, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.json().get("message").toString()).contains("cross-site");
        assertThat(raw("GET", target, "Sec-Fetch-Site: same-site").status()).isEqualTo(403);
        assertThat(raw("GET", target, "Origin: http://evil.example").status()).isEqualTo(403);
        assertThat(raw("GET", "/api/dtmsvr/resetCronTime", "Sec-Fetch-Site: cross-site").status()).isEqualTo(403);
        assertThat(
                raw("GET", "/api/dtmsvr/unsubscribe?topic=" + topic + "&url=x", "Sec-Fetch-Site: cross-site").status())
            .isEqualTo(403);
        assertThat(dtm.get("/api/dtmsvr/queryKV?cat=topics&key=" + topic).json().get("kv").toString())
            .doesNotContain(topic);

        // reads stay open to browsers; the SDKs send no browser headers at all
        assertThat(raw("GET", "/api/dtmsvr/version", "Sec-Fetch-Site: cross-site").status()).isEqualTo(200);
        assertThat(raw("GET", target, "Origin: http://localhost:" + port, "Sec-Fetch-Site: same-origin").status())
            .isEqualTo(200);
        assertThat(dtm.get(target.replace(topic, topic + "-sdk")).status()).isEqualTo(200);
    }

    @Test
    void onlyLoopbackHostNamesAreServedByDefault() {
        HttpReply foreign = raw("GET", "/api/dtmsvr/newGid", "Host: rebound.evil.example:" + port);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("message").toString()).contains("rebound.evil.example",
                "dtm.coordinator.web.allowed-hosts");
        assertThat(send("POST", "/api/dtmsvr/prepare", "application/json",
                "{\"gid\":\"" + gid("host") + "\",\"trans_type\":\"tcc\"}", "Host: 192.0.2.10")
            .status()).isEqualTo(403);
        assertThat(raw("GET", "/api/admin/info", "Host: rebound.evil.example").status()).isEqualTo(403);

        assertThat(raw("GET", "/api/dtmsvr/newGid", "Host: localhost:" + port).status()).isEqualTo(200);
        assertThat(raw("GET", "/api/dtmsvr/newGid", "Host: LOCALHOST").status()).isEqualTo(200);
        assertThat(raw("GET", "/api/dtmsvr/newGid", "Host: 127.0.0.1:" + port).status()).isEqualTo(200);
        assertThat(raw("GET", "/api/dtmsvr/newGid", "Host: [::1]:" + port).status()).isEqualTo(200);
        // health checks address the coordinator by whatever name reaches it
        assertThat(raw("GET", "/api/ping", "Host: 10.1.2.3:" + port).status()).isEqualTo(200);
    }

    @Test
    void gidsAreEscapedInEveryLogLine(CapturedOutput output) {
        String gid = "log-" + dtm.newGid() + "\u001b[2J\u2028forged\u0085line";
        assertThat(dtm.post("/api/dtmsvr/prepare", trans(gid, "tcc")).status()).isEqualTo(200);
        assertThat(dtm.post("/api/dtmsvr/abort", trans(gid, "tcc")).status()).isEqualTo(200);

        assertThat(output.getOut())
            .contains("prepared gid=" + gid.substring(0, gid.indexOf('\u001b')) + "\\u001b[2J\\u2028forged\\u0085line");
        assertThat(output.getOut()).doesNotContain("\u001b[2J", "\u2028forged", "\u0085line");
    }

    @Test
    void requestsTomcatRefusesGetTheApisJsonErrorBody() {
        HttpReply control = raw("GET", "/api/dtmsvr/query?gid=a\u0001b");
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.body()).doesNotContain("<html", "Tomcat");
        assertThat(control.json()).containsKey("message");

        HttpReply controlPath = raw("GET", "/a\u0001b");
        assertThat(controlPath.status()).isEqualTo(400);
        assertThat(controlPath.body()).doesNotContain("<html", "Tomcat");
        assertThat(controlPath.json()).containsKey("message");

        HttpReply longPath = raw("GET", "/api/dtmsvr/" + "a".repeat(9000));
        assertThat(longPath.status()).isIn(400, 414, 431);
        assertThat(longPath.body()).doesNotContain("<html", "Tomcat");
        assertThat(longPath.json().get("message").toString()).isNotEmpty();
    }

    @Test
    void theErrorPathIsNoRoute() {
        HttpReply error = dtm.get("/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.body()).doesNotContain("999", "<html");
        assertThat(error.json().get("message").toString()).contains("no such route");
        assertThat(dtm.post("/error", Map.of()).status()).isEqualTo(404);
    }

}
