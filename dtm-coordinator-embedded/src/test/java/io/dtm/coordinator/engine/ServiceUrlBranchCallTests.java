package io.dtm.coordinator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import com.sun.net.httpserver.HttpServer;

import io.dtm.coordinator.engine.call.BranchCallResult;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.call.NoServiceInstanceException;
import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.coordinator.engine.mode.TransRequestValidator;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.protocol.CallbackSignature;
import io.dtm.protocol.CallbackSignature.Call;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransOptions;
import io.dtm.protocol.TransRequest;

/**
 * Branch URLs that name a service: resolved at every call, the allow-list and the
 * signature on the resolved URL, no instance a RETRYABLE without a call, and service URLs
 * accepted only where a resolver takes their scheme.
 */
class ServiceUrlBranchCallTests {

    private static final String KEY = "0123456789abcdef-key";

    private static final long NOW = 1_700_000_000L;

    private final List<Received> received = new CopyOnWriteArrayList<>();

    private final List<String> listened = new CopyOnWriteArrayList<>();

    private HttpServer first;

    private HttpServer second;

    /** The instance URLs the resolver hands out, one per call; empty: no instance. */
    private final Deque<String> instances = new ArrayDeque<>();

    private final List<URI> asked = new CopyOnWriteArrayList<>();

    record Received(String server, String method, String path, String query, byte[] body, String signature,
            String host) {
    }

    private final ServiceUrlResolver resolver = new ServiceUrlResolver() {

        @Override
        public Set<String> schemes() {
            return Set.of("lb");
        }

        @Override
        public String resolve(URI serviceUrl) {
            asked.add(serviceUrl);
            String instance;
            synchronized (instances) {
                instance = instances.poll();
            }
            if (instance == null) {
                throw new NoServiceInstanceException(ServiceUrlResolver.serviceName(serviceUrl));
            }
            return ServiceUrlResolver.instanceUrl(URI.create(instance), serviceUrl);
        }

    };

    @BeforeEach
    void start() throws Exception {
        first = server("first");
        second = server("second");
    }

    private HttpServer server(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(name, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), body,
                    exchange.getRequestHeaders().getFirst(CallbackSigner.HEADER),
                    exchange.getRequestHeaders().getFirst("Host")));
            byte[] reply = "{\"dtm_result\":\"SUCCESS\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        first.stop(0);
        second.stop(0);
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private BranchCaller caller(BranchUrlPolicy policy, ServiceUrlResolver serviceUrls) {
        BranchCaller caller = new BranchCaller(BranchCaller.defaultHttpClient(4, policy), Duration.ofSeconds(3),
                new CallbackSigner(List.of(KEY), () -> NOW), policy, BranchCaller.DEFAULT_MAX_REPLY_BYTES, serviceUrls);
        caller.addListener((call) -> {
            listened.add(call.url());
            return (result, status) -> {
            };
        });
        return caller;
    }

    private static TransGlobal global() {
        TransGlobal g = new TransGlobal();
        g.setGid("gid-1");
        g.setTransType("saga");
        g.setProtocol("http");
        g.setOptions(new TransOptions());
        return g;
    }

    private void offer(String... urls) {
        synchronized (instances) {
            instances.addAll(List.of(urls));
        }
    }

    @Test
    void eachCallResolvesTheServiceAgainAndGoesToTheInstanceItGets() throws Exception {
        offer(base(first), base(second));
        try (BranchCaller caller = caller(BranchUrlPolicy.allowAll(), resolver)) {
            byte[] body = "{\"amount\":30}".getBytes(StandardCharsets.UTF_8);
            assertThat(caller.call(global(), "lb://bank/api/transOut?x=1", body, "01", "action").result())
                .isEqualTo(ReplyOutcome.SUCCESS);
            assertThat(caller.call(global(), "lb://bank/api/transOutRevert?x=1", body, "01", "compensate").result())
                .isEqualTo(ReplyOutcome.SUCCESS);
        }
        assertThat(asked).extracting(URI::toString)
            .containsExactly("lb://bank/api/transOut?x=1", "lb://bank/api/transOutRevert?x=1");
        assertThat(received).extracting(Received::server).containsExactly("first", "second");
        assertThat(received).extracting(Received::path).containsExactly("/api/transOut", "/api/transOutRevert");
        assertThat(received.get(1).query()).startsWith("x=1&gid=gid-1&trans_type=saga&branch_id=01&op=compensate");
        assertThat(listened).containsExactly("lb://bank/api/transOut?x=1", "lb://bank/api/transOutRevert?x=1");
    }

    @Test
    void theSignatureCoversTheResolvedAuthority() throws Exception {
        offer(base(second));
        try (BranchCaller caller = caller(BranchUrlPolicy.allowAll(), resolver)) {
            caller.call(global(), "lb://bank/api/confirm", "{}".getBytes(StandardCharsets.UTF_8), "01", "confirm");
        }
        Received r = received.get(0);
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        CallbackSignature.Header header = CallbackSignature.parse(r.signature());
        assertThat(r.host()).isEqualTo("127.0.0.1:" + second.getAddress().getPort());
        assertThat(CallbackSignature.matches(key, header, new Call("POST", r.host(), r.path(), r.query(), r.body())))
            .isTrue();
        assertThat(CallbackSignature.matches(key, header, new Call("POST", "bank", r.path(), r.query(), r.body())))
            .isFalse();
        assertThat(CallbackSignature.matches(key, header,
                new Call("POST", "127.0.0.1:" + first.getAddress().getPort(), r.path(), r.query(), r.body())))
            .isFalse();
    }

    @Test
    void theAllowListAppliesToTheResolvedUrl() throws Exception {
        BranchUrlPolicy onlyFirst = new BranchUrlPolicy(List.of(base(first) + "/api/**"));
        offer(base(second), base(first));
        try (BranchCaller caller = caller(onlyFirst, resolver)) {
            BranchCallResult refused = caller.call(global(), "lb://bank/api/transIn", null, "01", "action");
            assertThat(refused.result()).isEqualTo(ReplyOutcome.RETRYABLE);
            assertThat(refused.message()).startsWith("not called: '" + base(second) + "/api/transIn'")
                .contains("matches none of dtm.coordinator.callback.allowed-urls");
            assertThat(received).isEmpty();
            assertThat(caller.call(global(), "lb://bank/api/transIn", null, "01", "action").result())
                .isEqualTo(ReplyOutcome.SUCCESS);
        }
        assertThat(received).extracting(Received::server).containsExactly("first");
    }

    @Test
    void aServiceWithoutInstancesIsRetryableAndNothingIsCalled() throws Exception {
        try (BranchCaller caller = caller(BranchUrlPolicy.allowAll(), resolver)) {
            BranchCallResult result = caller.call(global(), "lb://bank/api/transIn", null, "01", "action");
            assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
            assertThat(result.message()).isEqualTo("not called: no instance of service 'bank' is available");
        }
        assertThat(received).isEmpty();
        assertThat(listened).containsExactly("lb://bank/api/transIn");
    }

    @Test
    void aResolverThatFailsOrAnswersANonHttpUrlLeavesTheBranchRetryable() throws Exception {
        ServiceUrlResolver broken = new ServiceUrlResolver() {

            @Override
            public Set<String> schemes() {
                return Set.of("lb");
            }

            @Override
            public String resolve(URI serviceUrl) {
                if (serviceUrl.getPath().equals("/boom")) {
                    throw new IllegalStateException("registry unreachable");
                }
                return "lb://bank/loop";
            }

        };
        try (BranchCaller caller = caller(BranchUrlPolicy.allowAll(), broken)) {
            BranchCallResult failed = caller.call(global(), "lb://bank/boom", null, "01", "action");
            assertThat(failed.result()).isEqualTo(ReplyOutcome.RETRYABLE);
            assertThat(failed.message()).startsWith("not called: resolving lb://bank/boom failed:")
                .contains("registry unreachable");
            BranchCallResult looped = caller.call(global(), "lb://bank/x", null, "01", "action");
            assertThat(looped.result()).isEqualTo(ReplyOutcome.RETRYABLE);
            assertThat(looped.message()).contains("'lb://bank/loop' is not an http(s) URL with a host");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void withoutAResolverAServiceUrlIsNeverCalled() throws Exception {
        try (BranchCaller caller = caller(BranchUrlPolicy.allowAll(), ServiceUrlResolver.none())) {
            BranchCallResult result = caller.call(global(), "lb://bank/api/transIn", null, "01", "action");
            assertThat(result.result()).isEqualTo(ReplyOutcome.RETRYABLE);
            assertThat(result.message()).contains("needs service discovery on the coordinator");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void aServiceUrlIsAcceptedOnlyWhereAResolverTakesItsScheme() {
        BranchUrlPolicy plain = BranchUrlPolicy.allowAll();
        assertThatThrownBy(() -> plain.check("steps[0].action", "lb://bank/api/transIn"))
            .isInstanceOf(InvalidRequestException.class)
            .hasMessageStartingWith("steps[0].action: 'lb://bank/api/transIn' is not an http(s) URL with a host")
            .hasMessageContaining("dtm.coordinator.discovery.enabled");
        BranchUrlPolicy lb = plain.withServiceSchemes(Set.of("lb"));
        lb.check("steps[0].action", "lb://bank/api/transIn");
        lb.check("steps[0].action", "lb://BANK-SERVICE_1/api/transIn?currency=EUR");
        assertThatThrownBy(() -> lb.check("steps[0].action", "discovery://bank/api/transIn"))
            .isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("nor a service URL (lb://<service>/<path>)");
        assertThatThrownBy(() -> lb.check("confirm", "lb://bank:8080/api/confirm"))
            .hasMessageStartingWith("confirm: 'lb://bank:8080/api/confirm' must name a service as its host");
        assertThatThrownBy(() -> lb.check("confirm", "lb://user@bank/api/confirm"))
            .hasMessageContaining("must name a service as its host");
        assertThatThrownBy(() -> lb.check("confirm", "lb:///api/confirm"))
            .hasMessageContaining("must name a service as its host");
        assertThatThrownBy(() -> lb.check("cancel", "lb://bank/api/cancel#x")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> lb.check("cancel", "lb://bank/api/cancel?gid=other"))
            .hasMessageContaining("sets the query parameter 'gid'");
        assertThatThrownBy(() -> lb.check("cancel", "lb://bank/api/../admin")).hasMessageContaining("dot segment");
        assertThat(lb.callRefusal("lb://bank/api/transIn")).contains("is not an http(s) URL with a host");
        assertThatThrownBy(() -> plain.withServiceSchemes(Set.of("http"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRequestValidatorTakesServiceUrlsOfTheResolvedSchemesOnly() {
        TransRequest request = new TransRequest();
        request.setGid("g1");
        request.setTransType("saga");
        request.setSteps(List
            .of(java.util.Map.of("action", "lb://bank/api/transOut", "compensate", "lb://bank/api/transOutRevert")));
        assertThatThrownBy(() -> TransRequestValidator.validate(request)).isInstanceOf(InvalidRequestException.class)
            .hasMessageStartingWith("steps[0].action must be an absolute http or https URL")
            .hasMessageContaining("needs service discovery on the coordinator");
        TransRequestValidator.validate(request, Set.of("lb"));
        assertThatThrownBy(() -> TransRequestValidator
            .validateBranch(java.util.Map.of("confirm", "lb://bank/c", "cancel", "lb://bank/x"), Set.of()))
            .hasMessageStartingWith("confirm must be an absolute http or https URL");
        TransRequestValidator.validateBranch(java.util.Map.of("confirm", "lb://bank/c", "cancel", "lb://bank/x"),
                Set.of("lb"));
    }

    @Test
    void anInstanceUrlKeepsTheServiceUrlsPathAndQuery() {
        assertThat(ServiceUrlResolver.instanceUrl(URI.create("http://10.0.0.5:8080"),
                URI.create("lb://bank/api/trans%20in?a=b%26c")))
            .isEqualTo("http://10.0.0.5:8080/api/trans%20in?a=b%26c");
        assertThat(ServiceUrlResolver.instanceUrl(URI.create("https://bank-1.local:8443/ctx/"),
                URI.create("lb://bank/api/x")))
            .isEqualTo("https://bank-1.local:8443/ctx/api/x");
        assertThat(ServiceUrlResolver.serviceName(URI.create("lb://bank_service/x"))).isEqualTo("bank_service");
    }

}
