package io.dtm.spring.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.dtm.protocol.BranchOp;
import io.dtm.protocol.BranchRegistration;
import io.dtm.protocol.DtmRetryableException;
import io.dtm.protocol.Gids;
import io.dtm.protocol.TransRequest;
import io.dtm.protocol.TransType;
import io.dtm.spring.barrier.JdbcBarrier;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.security.BranchCallSigner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Talks to the dtm coordinator over HTTP with dtm's JSON and starts global transactions
 * of every mode. Results are read as dtm's SDKs read them: FAILURE gives
 * {@link DtmFailureException}, ONGOING {@link DtmOngoingException}, any other error a
 * {@link DtmRetryableException}.
 */
public class DtmClient {

    private final DtmHttp http;

    private final JsonMapper jsonMapper;

    private final Supplier<String> server;

    private final TransDefaults defaults;

    private final @Nullable JdbcBarrier barrier;

    private static final Log log = LogFactory.getLog(DtmClient.class);

    private final @Nullable String token;

    private final @Nullable BranchCallSigner signer;

    private final List<TransListener> listeners = new CopyOnWriteArrayList<>();

    private final TraceHeaders traceHeaders;

    public DtmClient(DtmHttp http, JsonMapper jsonMapper, Supplier<String> server, TransDefaults defaults,
            JdbcBarrier barrier) {
        this(http, jsonMapper, server, defaults, barrier, null, null);
    }

    /**
     * @param token sent as {@code Authorization: Bearer} on calls to the coordinator
     * (those whose URL has the origin of {@code server}), never to branches; null or
     * empty sends none
     * @param signer signs the calls this client makes to branches ({@link #callBranch});
     * {@code null} signs none
     */
    public DtmClient(DtmHttp http, JsonMapper jsonMapper, Supplier<String> server, TransDefaults defaults,
            @Nullable JdbcBarrier barrier, @Nullable String token, @Nullable BranchCallSigner signer) {
        this(http, jsonMapper, server, defaults, barrier, token, signer, TraceHeaders.NONE);
    }

    /**
     * @param traceHeaders adds the current trace context to the calls this client makes,
     * to the coordinator and to branches
     */
    public DtmClient(DtmHttp http, JsonMapper jsonMapper, Supplier<String> server, TransDefaults defaults,
            @Nullable JdbcBarrier barrier, @Nullable String token, @Nullable BranchCallSigner signer,
            @Nullable TraceHeaders traceHeaders) {
        this.traceHeaders = (traceHeaders != null) ? traceHeaders : TraceHeaders.NONE;
        this.signer = signer;
        this.http = http;
        this.jsonMapper = jsonMapper;
        this.server = server;
        this.defaults = (defaults != null) ? defaults : TransDefaults.NONE;
        this.barrier = barrier;
        this.token = token;
    }

    /** A client with default settings, for use outside a Spring application context. */
    public static DtmClient create(String server) {
        return new DtmClient(new DtmHttp(Duration.ofSeconds(10)), defaultJsonMapper(), () -> server, TransDefaults.NONE,
                null);
    }

    public static JsonMapper defaultJsonMapper() {
        return JsonMapper.builder().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    }

    /** The coordinator's API base URL, e.g. {@code http://localhost:36789/api/dtmsvr}. */
    public String server() {
        String url = this.server.get();
        Assert.state(StringUtils.hasText(url), "dtm.server is not set");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public TransDefaults defaults() {
        return this.defaults;
    }

    public JsonMapper jsonMapper() {
        return this.jsonMapper;
    }

    public DtmHttp http() {
        return this.http;
    }

    JdbcBarrier barrier() {
        Assert.state(this.barrier != null,
                "No JdbcBarrier is configured: the barrier needs spring-jdbc and a DataSource");
        return this.barrier;
    }

    /**
     * A new gid, made here as the coordinator's {@code /newGid} makes it: unique without
     * a round trip to the coordinator (see {@link Gids#newGid()}).
     */
    public String newGid() {
        return Gids.newGid();
    }

    public Saga saga() {
        return saga(newGid());
    }

    /**
     * A saga with a gid of the caller's choice, e.g. derived from a business key, so that
     * a retried request can be recognised: a second submit of a gid the coordinator knows
     * starts nothing new (see {@link #query}). The gid must follow {@link Gids#check}.
     */
    public Saga saga(String gid) {
        return new Saga(this, gid);
    }

    public Msg msg() {
        return msg(newGid());
    }

    /**
     * A message with a gid of the caller's choice; see {@link #saga(String)}.
     */
    public Msg msg(String gid) {
        return new Msg(this, gid);
    }

    /**
     * Runs a TCC global transaction: prepare, the callback (which calls the branches'
     * try), then submit; if the callback throws, abort with the error text as rollback
     * reason and rethrow.
     * @return the gid
     */
    public String tccGlobal(String gid, TccCallback callback) {
        Gids.check(gid);
        TransRequest request = new TransRequest(gid, TransType.TCC);
        DtmTransaction transaction = new DtmTransaction(gid, TransType.TCC.wireName(), "", BranchOp.TRY.wireName(),
                server());
        runGlobal(request, transaction, () -> callback.execute(new Tcc(this, transaction)));
        return gid;
    }

    public String tccGlobal(TccCallback callback) {
        return tccGlobal(newGid(), callback);
    }

    /**
     * A TCC handle for the branch being handled (nested TCC): branches it calls are
     * sub-branches of the bound branch, registered on the coordinator named by the
     * request's {@code dtm} parameter.
     */
    public Tcc tccFromContext() {
        DtmTransaction bound = DtmContextHolder.require();
        Assert.state(TransType.TCC.is(bound.transType()),
                "tccFromContext needs a bound tcc transaction, found " + bound.transType());
        String dtm = StringUtils.hasText(bound.dtm()) ? bound.dtm() : server();
        return new Tcc(this, new DtmTransaction(bound.gid(), TransType.TCC.wireName(), bound.branchId(),
                BranchOp.TRY.wireName(), dtm));
    }

    /**
     * Runs an XA global transaction: prepare, the callback (which calls the branches),
     * then submit; if the callback throws, abort and rethrow.
     * @return the gid
     */
    public String xaGlobal(String gid, XaCallback callback) {
        Gids.check(gid);
        TransRequest request = new TransRequest(gid, TransType.XA);
        DtmTransaction transaction = new DtmTransaction(gid, TransType.XA.wireName(), "", BranchOp.ACTION.wireName(),
                server());
        runGlobal(request, transaction, () -> callback.execute(new Xa(this, transaction)));
        return gid;
    }

    public String xaGlobal(XaCallback callback) {
        return xaGlobal(newGid(), callback);
    }

    private void runGlobal(TransRequest request, DtmTransaction transaction, ThrowingRunnable body) {
        try {
            TwoPhaseInitiator.run(this, request, transaction, () -> {
                body.run();
                return null;
            }, null);
        }
        catch (Throwable ex) {
            throw sneaky(ex);
        }
    }

    /**
     * Adds a listener told about every prepare, submit and abort the coordinator accepts
     * from now on.
     */
    public void addListener(TransListener listener) {
        this.listeners.add(listener);
    }

    public void prepare(TransRequest request) {
        callDtm(server(), "prepare", request);
        accepted(request, TransListener.Outcome.BEGUN);
    }

    public void submit(TransRequest request) {
        callDtm(server(), "submit", request);
        accepted(request, TransListener.Outcome.SUBMITTED);
    }

    public void abort(TransRequest request) {
        callDtm(server(), "abort", request);
        accepted(request, TransListener.Outcome.ABORTED);
    }

    private void accepted(TransRequest request, TransListener.Outcome outcome) {
        for (TransListener listener : this.listeners) {
            listener.transaction(request.getTransType().wireName(), outcome);
        }
    }

    /**
     * Calls {@code prepareWorkflow} and returns its reply ({@code transaction} and
     * {@code progresses}).
     */
    public JsonNode prepareWorkflow(TransRequest request) {
        this.defaults.applyTo(request);
        // the reply quotes rollback reasons and recorded results, which may hold the word
        // FAILURE
        String url = server() + "/prepareWorkflow";
        JsonNode reply = readTree(this.http.postJson(url, null, toJson(request), coordinatorHeaders(url))
            .checkStatus("prepareWorkflow " + request.getGid())
            .body());
        accepted(request, TransListener.Outcome.BEGUN);
        return reply;
    }

    /**
     * Registers a branch with the coordinator at {@code dtm} (the configured one when
     * empty).
     */
    public void registerBranch(String dtm, BranchRegistration branch) {
        String url = StringUtils.hasText(dtm) ? dtm : server();
        this.http.postJson(url + "/registerBranch", null, toJson(branch.toWire()), coordinatorHeaders(url))
            .check("registerBranch " + branch.gid());
    }

    /**
     * Registers a branch: {@code fields} holds the mode's keys (confirm/cancel, url,
     * op/status/data).
     * @deprecated since 0.1.0 for removal in favor of
     * {@link #registerBranch(String, BranchRegistration)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public void registerBranch(String dtm, String gid, String transType, String branchId, Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("gid", gid);
        body.put("trans_type", transType);
        body.put("branch_id", branchId);
        body.putAll(fields);
        body.putIfAbsent("data", "");
        String url = StringUtils.hasText(dtm) ? dtm : server();
        this.http.postJson(url + "/registerBranch", null, toJson(body), coordinatorHeaders(url))
            .check("registerBranch " + gid);
    }

    /** {@code GET /query}: the stored transaction and its branches. */
    public JsonNode query(String gid) {
        String url = server() + "/query";
        return readTree(
                this.http.get(url, Map.of("gid", gid), coordinatorHeaders(url)).checkStatus("query " + gid).body());
    }

    /**
     * Calls a branch as dtm's SDKs call the branches they run themselves: POST with gid,
     * trans_type, branch_id, op and dtm in the query string.
     * @return the reply, checked by dtm's rules
     */
    public DtmHttpResult callBranch(DtmTransaction transaction, String branchId, String op, String url, String body,
            Map<String, String> extraQuery) {
        Map<String, String> query = transaction.queryParams(branchId, op);
        if (extraQuery != null) {
            query.putAll(extraQuery);
        }
        if (this.signer == null || !this.signer.isEnabled()) {
            return this.http.postJson(url, query, body, withTrace(Map.of())).check(op + " " + url);
        }
        URI uri = DtmHttp.buildUri(url, query);
        String signature = this.signer.sign("POST", uri,
                (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0]);
        return this.http.exchange(HttpMethod.POST, uri, body, withTrace(Map.of(BranchCallSigner.HEADER, signature)))
            .check(op + " " + url);
    }

    DtmHttpResult callDtm(String dtm, String operation, TransRequest request) {
        if (!"abort".equals(operation)) {
            this.defaults.applyTo(request);
        }
        DtmHttpResult result = this.http.postJson(dtm + "/" + operation, null, toJson(request), coordinatorHeaders(dtm))
            .check(operation + " " + request.getGid());
        if (log.isInfoEnabled()) {
            log.info("dtm " + operation + " gid=" + request.getGid() + " trans_type=" + request.getTransType());
        }
        return result;
    }

    /**
     * The token header for a call to {@code url}, if it goes to the configured
     * coordinator: a {@code dtm} URL taken from an inbound request could name any host,
     * and the token must not leak to it.
     */
    Map<String, String> coordinatorHeaders(String url) {
        if (!StringUtils.hasText(this.token) || !sameOrigin(url, server())) {
            return withTrace(Map.of());
        }
        return withTrace(Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + this.token));
    }

    private Map<String, String> withTrace(Map<String, String> headers) {
        if (this.traceHeaders == TraceHeaders.NONE) {
            return headers;
        }
        Map<String, String> traced = new LinkedHashMap<>(headers);
        this.traceHeaders.inject(traced::put);
        return traced;
    }

    static boolean sameOrigin(String url, String other) {
        try {
            URI a = URI.create(url);
            URI b = URI.create(other);
            return a.getScheme() != null && a.getHost() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                    && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * JSON text of a payload; a {@code byte[]} is taken as UTF-8 text already in its
     * final form.
     */
    public String toJson(Object payload) {
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return this.jsonMapper.writeValueAsString(payload);
    }

    JsonNode readTree(String json) {
        return this.jsonMapper.readTree(json);
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable ex) throws E {
        throw (E) ex;
    }

    @FunctionalInterface
    interface ThrowingRunnable {

        void run() throws Exception;

    }

}
