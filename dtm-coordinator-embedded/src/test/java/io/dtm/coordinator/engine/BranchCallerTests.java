package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.sun.net.httpserver.HttpServer;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.protocol.CallbackSignature;
import io.dtm.protocol.CallbackSignature.Call;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransOptions;

class BranchCallerTests {

    private static final String KEY = "0123456789abcdef-new";

    private static final long NOW = 1_700_000_000L;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private volatile int replyStatus = 200;

    private volatile String replyBody = "{\"dtm_result\":\"SUCCESS\"}";

    private HttpServer server;

    private String base;

    private BranchCaller caller;

    record Received(String method, String path, String query, byte[] body, String signature, String host) {
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), body,
                    exchange.getRequestHeaders().getFirst(CallbackSigner.HEADER),
                    exchange.getRequestHeaders().getFirst("Host")));
            byte[] reply = replyBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(replyStatus, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        BranchUrlPolicy policy = BranchUrlPolicy.allowAll();
        caller = new BranchCaller(BranchCaller.defaultHttpClient(4, policy), Duration.ofSeconds(3),
                new CallbackSigner(List.of(KEY, "0123456789abcdef-old"), () -> NOW), policy);
    }

    @AfterEach
    void stop() throws Exception {
        caller.close();
        server.stop(0);
    }

    private static TransGlobal global(Map<String, String> headers) {
        TransGlobal g = new TransGlobal();
        g.setGid("gid-1");
        g.setTransType("saga");
        g.setProtocol("http");
        TransOptions options = new TransOptions();
        options.setBranchHeaders(headers);
        g.setOptions(options);
        return g;
    }

    @Test
    void everyCallIsSignedOverMethodAuthorityPathDtmParametersQueryAndBodyWithTheFirstKey() {
        byte[] body = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);
        assertThat(caller.call(global(Map.of()), base + "/api/busi/TransOut?x=a%20b", body, "01", "action").isSuccess())
            .isTrue();
        Received r = received.get(0);
        assertThat(r.query()).isEqualTo("x=a%20b&gid=gid-1&trans_type=saga&branch_id=01&op=action");
        Matcher m = Pattern.compile("t=(\\d+),kid=([0-9a-f]{8}),nonce=([0-9a-f]+),v2=([0-9a-f]{64})")
            .matcher(r.signature());
        assertThat(m.matches()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(NOW);
        assertThat(m.group(2)).isEqualTo(CallbackSigner.keyId(KEY));
        CallbackSignature.Header header = CallbackSignature.parse(r.signature());
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        assertThat(CallbackSignature.matches(key, header, new Call("POST", r.host(), r.path(), r.query(), r.body())))
            .isTrue();
        assertThat(CallbackSignature.matches(key, header,
                new Call("POST", "other-host:8080", r.path(), r.query(), r.body())))
            .isFalse();
        assertThat(CallbackSignature.matches(key, header,
                new Call("POST", r.host(), r.path(), r.query().replace("gid-1", "VICTIM"), r.body())))
            .isFalse();

        caller.call(global(Map.of()), base + "/back-check", null, "00", "msg");
        Received get = received.get(1);
        assertThat(get.method()).isEqualTo("GET");
        CallbackSignature.Header getHeader = CallbackSignature.parse(get.signature());
        assertThat(CallbackSignature.matches(key, getHeader,
                new Call("GET", get.host(), "/back-check", get.query(), new byte[0])))
            .isTrue();
        assertThat(getHeader.nonce()).isNotEqualTo(header.nonce());
    }

    @Test
    void theDtmParametersAreAddedToTheQueryAsParsedNotConcatenated() {
        TransGlobal g = global(Map.of());
        g.setGid("g 1&op=x");
        caller.call(g, base + "/a?", null, "01", "action");
        caller.call(g, base + "/b?flag&c=", null, "01", "action");
        assertThat(received.get(0).query()).isEqualTo("gid=g+1%26op%3Dx&trans_type=saga&branch_id=01&op=action");
        assertThat(received.get(1).query())
            .isEqualTo("flag&c=&gid=g+1%26op%3Dx&trans_type=saga&branch_id=01&op=action");
        assertThat(CallbackSignature.dtmParameters(received.get(1).query())).containsEntry("gid", "g 1&op=x")
            .containsEntry("op", "action");
    }

    @Test
    void jsonRpcCallsAreSignedWithTheirDtmParametersInTheSignedBody() {
        TransGlobal g = global(Map.of());
        g.setProtocol("json-rpc");
        assertThat(caller
            .call(g, base + "/rpc?method=TransOut", "{\"amount\":30}".getBytes(StandardCharsets.UTF_8), "01", "action")
            .isSuccess()).isTrue();
        Received r = received.get(0);
        assertThat(r.query()).isEqualTo("method=TransOut");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"gid\":\"gid-1\"")
            .contains("\"op\":\"action\"");
        assertThat(CallbackSignature.matches(KEY.getBytes(StandardCharsets.UTF_8),
                CallbackSignature.parse(r.signature()), new Call("POST", r.host(), r.path(), r.query(), r.body())))
            .isTrue();
    }

    @Test
    void aStoredUrlWithAFragmentOrADtmParameterIsNeverCalled() {
        for (String url : List.of(base + "/dtm/xa/phase2?gid=VICTIM&trans_type=xa&branch_id=01&op=rollback#",
                base + "/dtm/xa/phase2?gid=VICTIM&trans_type=xa&branch_id=01&op=rollback",
                base + "/allowed/../dtm/xa/phase2")) {
            BranchCallResult result = caller.call(global(Map.of()), url, null, "01", "action");
            assertThat(result.result()).as(url).isEqualTo(ReplyOutcome.RETRYABLE);
            assertThat(result.message()).as(url).startsWith("not called: ");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void withoutKeysNothingIsSigned() throws Exception {
        try (BranchCaller unsigned = new BranchCaller(BranchCaller.defaultHttpClient(2), Duration.ofSeconds(3))) {
            unsigned.call(global(Map.of()), base + "/a", null, "01", "action");
        }
        assertThat(received.get(0).signature()).isNull();
    }

    @Test
    void aRefusedUrlIsAnErrorAndNeverCalled() {
        BranchCallResult result = caller.call(global(Map.of()), "http://169.254.169.254/latest/meta-data/", null, "01",
                "action");
        assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(result.message()).startsWith("not called: ").contains("metadata");
    }

    @Test
    void refusedBranchHeadersAreAnErrorAndNeverSent() {
        BranchCallResult result = caller.call(global(Map.of("Host", "internal-admin")), base + "/a", null, "01",
                "action");
        assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
        assertThat(result.message()).contains("branch_headers may not set Host");
        assertThat(received).isEmpty();
    }

    @Test
    void onlyAnEscapedPrefixOfTheReplyIsKept() {
        replyStatus = 409;
        replyBody = "FAILURE\nINFO forged line " + "s".repeat(5000);
        BranchCallResult result = caller.call(global(Map.of()), base + "/a", "{}".getBytes(), "01", "action");
        assertThat(result.result()).isEqualTo(ReplyOutcome.FAILURE);
        assertThat(result.message()).startsWith("FAILURE\\nINFO forged line")
            .doesNotContain("\n")
            .hasSizeLessThan(LogSafe.REPLY_PREFIX + 40);

        replyStatus = 500;
        replyBody = "secret internals ".repeat(100);
        BranchCallResult error = caller.call(global(Map.of()), base + "/a", "{}".getBytes(), "01", "action");
        assertThat(error.message()).startsWith("http status 500, body: secret internals")
            .hasSizeLessThan(LogSafe.REPLY_PREFIX + 70);
    }

    @Test
    void theRulesStillReadTheWholeBody() {
        replyBody = "x".repeat(1000) + "ONGOING";
        assertThat(caller.call(global(Map.of()), base + "/a", "{}".getBytes(), "01", "action").result())
            .isEqualTo(ReplyOutcome.ONGOING);
    }

    @Test
    void listenersAreToldOfEveryCallWithItsResultAndHttpStatus() {
        List<String> seen = new CopyOnWriteArrayList<>();
        caller.addListener(call -> {
            seen.add("start " + call.gid() + " " + call.transType() + " " + call.branchId() + " " + call.op() + " "
                    + call.url());
            return (result, httpStatus) -> seen.add("end " + result.result() + " " + httpStatus);
        });
        caller.addListener(call -> {
            throw new IllegalStateException("a broken listener");
        });

        replyStatus = 409;
        replyBody = "{\"dtm_result\":\"FAILURE\"}";
        assertThat(caller.call(global(Map.of()), base + "/a", "{}".getBytes(), "02", "action").result())
            .isEqualTo(ReplyOutcome.FAILURE);
        caller.call(global(Map.of()), "http://169.254.169.254/latest/meta-data/", null, "01", "compensate");
        caller.call(global(Map.of()), "", null, "03", "action");

        assertThat(seen).containsExactly("start gid-1 saga 02 action " + base + "/a", "end FAILURE 409",
                "start gid-1 saga 01 compensate http://169.254.169.254/latest/meta-data/", "end RETRYABLE 0");
    }

}
