package io.dtm.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.dtm.coordinator.api.JsonRpcRoleFilter;
import io.dtm.coordinator.model.TransJson;

/** The filter's rules, on mock requests: who may call what. */
class ApiAuthFilterTests {

    private static final String READER = "reader-token-0123456789";

    private static final String OPERATOR = "operator-token-0123456789";

    private final JsonRpcRoleFilter rpcFilter = new JsonRpcRoleFilter();

    private final ApiAuthFilter filter = new ApiAuthFilter(
            ApiTokens.of(List.of(new ApiTokens.Configured(READER, null, "READ"),
                    new ApiTokens.Configured(null, hex(ApiTokens.sha256(OPERATOR)), "operate"))));

    private record Outcome(MockHttpServletResponse response, MockFilterChain chain) {

        boolean passed() {
            return chain.getRequest() != null;
        }

        String message() throws Exception {
            return (String) TransJson.readObject(response.getContentAsString()).get("message");
        }
    }

    private Outcome call(String method, String path, String authorization, String body) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        if (body != null) {
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() == null || !ApiAccessRules.isJsonRpc(path)) {
            return new Outcome(response, chain);
        }
        // JSON-RPC goes on to the method check, as the coordinator's filters are ordered
        MockFilterChain rest = new MockFilterChain();
        rpcFilter.doFilter(chain.getRequest(), response, rest);
        return new Outcome(response, rest);
    }

    @Test
    void aRefusedRequestsBodyIsNeverRead() throws Exception {
        for (String authorization : java.util.Arrays.asList(null, "Bearer wrong", "Bearer " + READER)) {
            for (String path : List.of("/api/dtmsvr/submit", "/api/json-rpc")) {
                MockHttpServletRequest request = new UnreadableBodyRequest("POST", path);
                if (authorization != null) {
                    request.addHeader("Authorization", authorization);
                }
                MockHttpServletResponse response = new MockHttpServletResponse();
                MockFilterChain chain = new MockFilterChain();
                filter.doFilter(request, response, chain);
                boolean authenticated = authorization != null && authorization.endsWith(READER);
                if (!authenticated) {
                    assertThat(response.getStatus()).as("%s %s", authorization, path).isEqualTo(401);
                }
                else if (path.endsWith("submit")) {
                    assertThat(response.getStatus()).isEqualTo(403);
                }
                else {
                    // a READ token on JSON-RPC goes on: the method is checked after the
                    // body was received within its limits
                    assertThat(chain.getRequest()).isSameAs(request);
                }
            }
        }
    }

    /** A request whose body cannot be read: reading it fails the test. */
    private static final class UnreadableBodyRequest extends MockHttpServletRequest {

        UnreadableBodyRequest(String method, String path) {
            super(method, path);
            setServletPath(path);
            setContentType("application/json");
            addHeader("Content-Length", "1048576");
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            throw new AssertionError("the body was read");
        }

        @Override
        public java.io.BufferedReader getReader() {
            throw new AssertionError("the body was read");
        }

    }

    @Test
    void noTokenIs401WithAChallengeAndDtmsMessageBody() throws Exception {
        Outcome out = call("POST", "/api/dtmsvr/submit", null, "{}");
        assertThat(out.passed()).isFalse();
        assertThat(out.response().getStatus()).isEqualTo(401);
        assertThat(out.response().getHeader("WWW-Authenticate")).startsWith("Bearer");
        assertThat(out.response().getContentType()).startsWith("application/json");
        assertThat(out.message()).contains("Authorization: Bearer");
    }

    @Test
    void aHeaderThatIsNotBearerIsLikeNoToken() throws Exception {
        assertThat(call("GET", "/api/dtmsvr/query", "Basic " + READER, null).response().getStatus()).isEqualTo(401);
        assertThat(call("GET", "/api/dtmsvr/query", "Bearer ", null).response().getStatus()).isEqualTo(401);
    }

    @Test
    void wrongTokenIs401AndTheReplyDoesNotEchoIt() throws Exception {
        Outcome out = call("GET", "/api/dtmsvr/query", "Bearer not-a-token", null);
        assertThat(out.passed()).isFalse();
        assertThat(out.response().getStatus()).isEqualTo(401);
        assertThat(out.response().getHeader("WWW-Authenticate")).contains("invalid_token");
        assertThat(out.response().getContentAsString()).doesNotContain("not-a-token");
    }

    @Test
    void aConfiguredDigestIsNotAcceptedAsTheToken() throws Exception {
        String digest = hex(ApiTokens.sha256(OPERATOR));
        assertThat(call("GET", "/api/dtmsvr/query", "Bearer " + digest, null).response().getStatus()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource({ "GET,/api/dtmsvr/newGid", "GET,/api/dtmsvr/query", "GET,/api/dtmsvr/all", "GET,/api/dtmsvr/scanKV",
            "GET,/api/dtmsvr/queryKV", "GET,/api/dtmsvr/version", "GET,/admin/global", "GET,/api/admin/transactions",
            "HEAD,/api/admin/info" })
    void readPassesOnReadRoutes(String method, String path) throws Exception {
        Outcome out = call(method, path, "Bearer " + READER, null);
        assertThat(out.passed()).as("%s %s", method, path).isTrue();
        assertThat(out.response().getStatus()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({ "POST,/api/dtmsvr/submit", "POST,/api/dtmsvr/prepare", "POST,/api/dtmsvr/abort",
            "POST,/api/dtmsvr/registerBranch", "POST,/api/dtmsvr/registerTccBranch", "POST,/api/dtmsvr/prepareWorkflow",
            "POST,/api/dtmsvr/forceStop", "POST,/api/dtmsvr/resetNextCronTime", "GET,/api/dtmsvr/resetCronTime",
            "GET,/api/dtmsvr/subscribe", "GET,/api/dtmsvr/unsubscribe", "DELETE,/api/dtmsvr/topic/t1",
            "GET,/api/dtmsvr/somethingNew", "POST,/admin/forceStop", "POST,/api/admin/transactions",
            "DELETE,/api/admin/topics", "POST,/admin/app.js",
            // spellings the container or dispatcher may still route to an OPERATE handler
            "POST,//api/dtmsvr/submit", "POST,/API/DTMSVR/submit", "GET,/api/dtmsvr/query/",
            "GET,/api/dtmsvr//query/../submit" })
    void readIsForbiddenOnEverythingElse(String method, String path) throws Exception {
        Outcome out = call(method, path, "Bearer " + READER, "{}");
        assertThat(out.passed()).as("%s %s", method, path).isFalse();
        assertThat(out.response().getStatus()).isEqualTo(403);
        assertThat(out.message()).contains("OPERATE").contains("READ");
    }

    @ParameterizedTest
    @CsvSource({ "POST,/api/dtmsvr/submit", "POST,/api/dtmsvr/prepare", "POST,/api/dtmsvr/abort",
            "POST,/api/dtmsvr/registerBranch", "POST,/api/dtmsvr/forceStop", "GET,/api/dtmsvr/resetCronTime",
            "POST,/api/dtmsvr/resetNextCronTime", "GET,/api/dtmsvr/subscribe", "DELETE,/api/dtmsvr/topic/t1",
            "GET,/api/dtmsvr/query", "GET,/api/dtmsvr/newGid", "POST,/api/json-rpc", "POST,/admin/forceStop" })
    void operatePassesEverywhere(String method, String path) throws Exception {
        assertThat(call(method, path, "Bearer " + OPERATOR, "{}").passed()).as("%s %s", method, path).isTrue();
        assertThat(call(method, path, "bearer " + OPERATOR, "{}").passed()).as("scheme is case-insensitive").isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "GET,/api/ping", "GET,/admin", "GET,/admin/", "GET,/admin/app.js", "HEAD,/admin/admin.css",
            "POST,/api/ping", "POST,/api/busi/TransOut", "GET,/api/dtmsvrx/submit", "GET,/error" })
    void pingAndTheApplicationsOwnRoutesAreOpen(String method, String path) throws Exception {
        Outcome out = call(method, path, null, null);
        assertThat(out.passed()).as("%s %s", method, path).isTrue();
        assertThat(out.response().getStatus()).isEqualTo(200);
    }

    @Test
    void jsonRpcLetsTheMethodDecideAndTheHandlerStillReadsTheBody() throws Exception {
        String newGid = "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"newGid\",\"params\":{}}";
        Outcome read = call("POST", "/api/json-rpc", "Bearer " + READER, newGid);
        assertThat(read.passed()).isTrue();
        assertThat(new String(read.chain().getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo(newGid);

        for (String method : List.of("prepare", "submit", "abort", "registerBranch", "launch")) {
            Outcome refused = call("POST", "/api/json-rpc", "Bearer " + READER,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"" + method + "\",\"params\":{}}");
            assertThat(refused.response().getStatus()).as(method).isEqualTo(403);
            assertThat(refused.message()).contains(method);
        }
        assertThat(call("POST", "/api/json-rpc", "Bearer " + READER, "not json").response().getStatus()).isEqualTo(403);
        assertThat(call("POST", "/api/json-rpc", null, newGid).response().getStatus()).isEqualTo(401);
        assertThat(call("POST", "/api/json-rpc", "Bearer wrong", newGid).response().getStatus()).isEqualTo(401);
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

}
