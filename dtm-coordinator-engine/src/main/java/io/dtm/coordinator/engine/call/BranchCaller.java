package io.dtm.coordinator.engine.call;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;

import io.dtm.coordinator.engine.support.EngineMdc;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.model.TransJson;
import io.dtm.protocol.DtmReply;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransProtocol;
import io.dtm.protocol.TransType;

/**
 * Calls branches the way dtm does (docs/protocol.md#branch-calls): POST when there is a
 * body or for xa, else GET; gid, trans_type, branch_id, op added to the URL's query;
 * {@code Content-type: application/json} and the transaction's branch headers; and reads
 * the reply with dtm's rules, body-substring checks included. Connections are pooled and
 * reused.
 * <p>
 * Resolved: a service URL ({@code lb://bank/api/transIn}) is resolved by the
 * {@link ServiceUrlResolver} at every call, and the call goes to the instance URL; a
 * service with no instance answers RETRYABLE without a call.
 * <p>
 * Guarded: a URL the {@link BranchUrlPolicy} refuses (for a service URL, the instance URL
 * it resolved to), or refused branch headers, are never called (the branch answers ERROR,
 * so it is retried and alerted); each call is signed by the {@link CallbackSigner} when
 * it has a key; only a short, escaped prefix of a reply body is kept in the result's
 * message.
 * <p>
 * Bounded (docs/coordinator.md#branch-call-deadline): every call ends by its deadline,
 * the transaction's request timeout, from the wait for a pooled connection through the
 * last byte of the reply, however slowly the branch sends; at most {@code maxReplyBytes}
 * of a reply are read; and a replica never has two calls to one branch (gid, branch_id,
 * op) in flight at once.
 */
public class BranchCaller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BranchCaller.class);

    /** How much of a payload a DEBUG line shows. */
    private static final int PAYLOAD_LOG_PREFIX = 1024;

    /** The most of a reply read unless set: dtm's rules look for a word in it. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 64 * 1024;

    /** The longest a connection may take to open, within the call's deadline. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** How often a service without instances is warned about at most. */
    static final Duration NO_INSTANCE_WARNING_INTERVAL = Duration.ofMinutes(1);

    private final CloseableHttpClient http;

    private final Duration defaultRequestTimeout;

    private final CallbackSigner signer;

    private final BranchUrlPolicy urlPolicy;

    private final int maxReplyBytes;

    private final ServiceUrlResolver serviceUrls;

    private final ServiceWarnings noInstanceWarnings = new ServiceWarnings(NO_INSTANCE_WARNING_INTERVAL,
            System::nanoTime);

    private final List<BranchCallListener> listeners = new CopyOnWriteArrayList<>();

    /** The branches (gid, branch_id, op) with a call in flight. */
    private final Set<InFlight> inFlight = ConcurrentHashMap.newKeySet();

    /** Cuts each call at its deadline. */
    private final ScheduledThreadPoolExecutor deadlines;

    public BranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout) {
        this(http, defaultRequestTimeout, CallbackSigner.disabled(), BranchUrlPolicy.allowAll());
    }

    public BranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout, CallbackSigner signer,
            BranchUrlPolicy urlPolicy) {
        this(http, defaultRequestTimeout, signer, urlPolicy, DEFAULT_MAX_REPLY_BYTES);
    }

    /**
     * @param maxReplyBytes the most of a reply read; a longer reply is an error
     * (RETRYABLE)
     */
    public BranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout, CallbackSigner signer,
            BranchUrlPolicy urlPolicy, int maxReplyBytes) {
        this(http, defaultRequestTimeout, signer, urlPolicy, maxReplyBytes, ServiceUrlResolver.none());
    }

    /**
     * @param maxReplyBytes the most of a reply read; a longer reply is an error
     * (RETRYABLE)
     * @param serviceUrls resolves service URLs at each call; transactions may name
     * service URLs of its schemes
     */
    public BranchCaller(CloseableHttpClient http, Duration defaultRequestTimeout, CallbackSigner signer,
            BranchUrlPolicy urlPolicy, int maxReplyBytes, ServiceUrlResolver serviceUrls) {
        if (maxReplyBytes < 1) {
            throw new IllegalArgumentException("maxReplyBytes must be positive, was " + maxReplyBytes);
        }
        this.http = http;
        this.defaultRequestTimeout = defaultRequestTimeout;
        this.signer = signer;
        this.urlPolicy = urlPolicy.withServiceSchemes(serviceUrls.schemes());
        this.maxReplyBytes = maxReplyBytes;
        this.serviceUrls = serviceUrls;
        this.deadlines = new ScheduledThreadPoolExecutor(1, (task) -> {
            Thread thread = new Thread(task, "dtm-branch-deadline");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * A pooled client sized for many concurrent branch calls; per-call timeouts are set
     * on each request.
     */
    public static CloseableHttpClient defaultHttpClient(int maxConnections) {
        return defaultHttpClient(maxConnections, BranchUrlPolicy.allowAll());
    }

    /**
     * As {@link #defaultHttpClient(int)}, and every host name is resolved through
     * {@code policy}, so a name that resolves to a link-local or metadata address is not
     * connected to.
     */
    public static CloseableHttpClient defaultHttpClient(int maxConnections, BranchUrlPolicy policy) {
        return HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDnsResolver(new GuardedDnsResolver(policy))
                .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(Timeout.of(CONNECT_TIMEOUT)).build())
                .build())
            .disableCookieManagement()
            .disableAuthCaching()
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .build();
    }

    /** Adds a listener told about every call from now on. */
    public void addListener(BranchCallListener listener) {
        listeners.add(listener);
    }

    /** The most of a reply this caller reads. */
    public int maxReplyBytes() {
        return maxReplyBytes;
    }

    /**
     * The URL rules this caller applies; the API checks a transaction's URLs against the
     * same rules, service URLs of the {@link ServiceUrlResolver}'s schemes accepted.
     */
    public BranchUrlPolicy urlPolicy() {
        return urlPolicy;
    }

    public final BranchCallResult call(TransGlobal g, String url, byte[] body, String branchId, String op) {
        return call(g, url, body, branchId, op, BranchTracer.Pass.NONE);
    }

    /**
     * Calls a branch in a pass traced by {@code pass}: the request carries the call's
     * trace headers.
     */
    public BranchCallResult call(TransGlobal g, String url, byte[] body, String branchId, String op,
            BranchTracer.Pass pass) {
        if (url == null || url.isEmpty()) {
            return BranchCallResult.EMPTY_URL_SUCCESS;
        }
        try (EngineMdc.Scope mdc = EngineMdc.branch(g.getGid(), g.getTransType(), branchId, op)) {
            return traced(g, url, body, branchId, op, pass);
        }
    }

    private BranchCallResult traced(TransGlobal g, String url, byte[] body, String branchId, String op,
            BranchTracer.Pass pass) {
        List<BranchCallListener.Ending> endings = started(g, url, branchId, op);
        BranchTracer.Call trace = pass.startCall(g, branchId, op, url);
        Outcome outcome;
        try {
            outcome = attempt(g, url, body, branchId, op, trace);
        }
        catch (RuntimeException ex) {
            Outcome failed = new Outcome(new BranchCallResult(ReplyOutcome.RETRYABLE, LogSafe.reply(ex.toString())), 0);
            trace.end(failed.result());
            ended(endings, failed);
            throw ex;
        }
        trace.end(outcome.result());
        ended(endings, outcome);
        BranchCallResult result = outcome.result();
        log.info("branch call gid={} branch_id={} op={} url={} result={}", LogSafe.prefix(g.getGid(), 128),
                LogSafe.prefix(branchId, 128), LogSafe.prefix(op, 64), LogSafe.prefix(url, 512), result.result());
        if (log.isDebugEnabled()) {
            log.debug("branch call gid={} branch_id={} headers={} payload={} reply={}", LogSafe.prefix(g.getGid(), 128),
                    LogSafe.prefix(branchId, 128), LogSafe.headers(g.getOptions().getBranchHeaders()),
                    LogSafe.prefix(body == null ? "" : new String(body, StandardCharsets.UTF_8), PAYLOAD_LOG_PREFIX),
                    result.message());
        }
        return result;
    }

    private Outcome attempt(TransGlobal g, String storedUrl, byte[] body, String branchId, String op,
            BranchTracer.Call trace) {
        String url;
        try {
            url = resolve(storedUrl);
        }
        catch (NoServiceInstanceException ex) {
            if (noInstanceWarnings.due(ex.service())) {
                log.warn("{} to call {}; the branch is retried later (warned once a minute per service)",
                        ex.getMessage(), LogSafe.prefix(storedUrl, 512));
            }
            return new Outcome(new BranchCallResult(ReplyOutcome.RETRYABLE, "not called: " + ex.getMessage()), 0);
        }
        catch (RuntimeException ex) {
            return new Outcome(new BranchCallResult(ReplyOutcome.RETRYABLE, "not called: resolving "
                    + LogSafe.prefix(storedUrl, 512) + " failed: " + LogSafe.reply(ex.toString())), 0);
        }
        String refusal = urlPolicy.callRefusal(url);
        if (refusal == null) {
            refusal = BranchHeaders.refusal(g.getOptions().getBranchHeaders());
        }
        if (refusal != null) {
            return new Outcome(new BranchCallResult(ReplyOutcome.RETRYABLE, "not called: " + refusal), 0);
        }
        InFlight branch = new InFlight(g.getGid(), branchId, op);
        if (!inFlight.add(branch)) {
            return new Outcome(new BranchCallResult(ReplyOutcome.RETRYABLE,
                    "not called: an earlier call to this branch is still in flight"), 0);
        }
        try {
            if (TransProtocol.JSON_RPC.is(g.getProtocol()) && url.contains("method")) {
                return callJsonRpc(g, url, body, branchId, op, trace);
            }
            return callHttp(g, url, body, branchId, op, trace);
        }
        catch (DeadlineExceededException ex) {
            return new Outcome(new BranchCallResult(ReplyOutcome.RETRYABLE, "call " + LogSafe.prefix(url, 512)
                    + " cut at its deadline of " + ex.deadline.toMillis() + " ms (request_timeout)"), 0);
        }
        catch (IOException | IllegalArgumentException ex) {
            return new Outcome(new BranchCallResult(ReplyOutcome.RETRYABLE,
                    "call " + LogSafe.prefix(url, 512) + " failed: " + LogSafe.reply(ex.toString())), 0);
        }
        finally {
            inFlight.remove(branch);
        }
    }

    /**
     * The URL to call for {@code url}: an http(s) URL as it is, a service URL as the
     * {@link ServiceUrlResolver} resolves it now.
     */
    private String resolve(String url) {
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        if (!urlPolicy.serviceSchemes().contains(scheme)) {
            return url;
        }
        String resolved = serviceUrls.resolve(URI.create(url));
        if (resolved == null) {
            throw new NoServiceInstanceException(ServiceUrlResolver.serviceName(URI.create(url)));
        }
        if (log.isDebugEnabled()) {
            log.debug("branch url {} resolved to {}", LogSafe.prefix(url, 512), LogSafe.prefix(resolved, 512));
        }
        return resolved;
    }

    /**
     * Tells the listeners about a call that was answered without reaching the branch (by
     * a subclass that stands in for it, such as a test's fault injection), so that it
     * shows among the calls made.
     * @param httpStatus the status of the answer, 0 when there was none
     */
    protected final void reportUnsent(TransGlobal g, String url, String branchId, String op, BranchCallResult result,
            int httpStatus) {
        ended(started(g, url, branchId, op), new Outcome(result, httpStatus));
    }

    private List<BranchCallListener.Ending> started(TransGlobal g, String url, String branchId, String op) {
        if (listeners.isEmpty()) {
            return List.of();
        }
        BranchCallListener.Call call = new BranchCallListener.Call(g.getGid(), g.getTransType().wireName(), branchId,
                op, url);
        List<BranchCallListener.Ending> endings = new ArrayList<>(listeners.size());
        for (BranchCallListener listener : listeners) {
            try {
                endings.add(listener.started(call));
            }
            catch (RuntimeException ex) {
                log.warn("a branch call listener failed: {}", LogSafe.reply(ex.toString()));
            }
        }
        return endings;
    }

    private static void ended(List<BranchCallListener.Ending> endings, Outcome outcome) {
        for (BranchCallListener.Ending ending : endings) {
            try {
                ending.ended(outcome.result(), outcome.httpStatus());
            }
            catch (RuntimeException ex) {
                log.warn("a branch call listener failed: {}", LogSafe.reply(ex.toString()));
            }
        }
    }

    private Outcome callHttp(TransGlobal g, String url, byte[] body, String branchId, String op,
            BranchTracer.Call trace) throws IOException {
        URI uri = branchUri(url, g, branchId, op);
        boolean post = body != null && body.length > 0 || g.getTransType() == TransType.XA;
        byte[] sent = body == null ? new byte[0] : body;
        HttpUriRequestBase request;
        if (post) {
            HttpPost httpPost = new HttpPost(uri);
            httpPost.setEntity(new ByteArrayEntity(sent, ContentType.APPLICATION_JSON));
            request = httpPost;
        }
        else {
            request = new HttpGet(uri);
            sent = new byte[0];
        }
        Reply reply = send(g, request, uri, sent, trace);
        if (reply.truncated()) {
            return new Outcome(tooLong(reply), reply.status());
        }
        return new Outcome(readReply(reply.status(), reply.body()), reply.status());
    }

    /**
     * The URL with gid, trans_type, branch_id and op added to its own query, built from
     * its parsed components, so that they land in the query whatever the URL holds.
     */
    static URI branchUri(String url, TransGlobal g, String branchId, String op) {
        return UriComponentsBuilder.fromUri(URI.create(url))
            .queryParam("gid", enc(g.getGid()))
            .queryParam("trans_type", enc(g.getTransType().wireName()))
            .queryParam("branch_id", enc(branchId))
            .queryParam("op", enc(op))
            .build(true)
            .toUri();
    }

    /**
     * A reply longer than the cap is not judged: a word beyond the part read could change
     * the outcome (a 200 whose body says FAILURE further on).
     */
    private BranchCallResult tooLong(Reply reply) {
        return new BranchCallResult(ReplyOutcome.RETRYABLE, "http status " + reply.status() + ", reply longer than "
                + maxReplyBytes + " bytes (max-reply-bytes), not judged; body: " + LogSafe.reply(reply.body()));
    }

    /**
     * dtm's HTTPResp2DtmError ({@link DtmReply#outcome()}). The rules read the whole
     * body; the message keeps only an escaped prefix of it.
     */
    static BranchCallResult readReply(int status, String body) {
        DtmReply reply = new DtmReply(status, body);
        ReplyOutcome outcome = reply.outcome();
        String text = LogSafe.reply(reply.text());
        return new BranchCallResult(outcome,
                outcome == ReplyOutcome.RETRYABLE ? "http status " + status + ", body: " + text : text);
    }

    private Outcome callJsonRpc(TransGlobal g, String url, byte[] body, String branchId, String op,
            BranchTracer.Call trace) throws IOException {
        String rawQuery = URI.create(url).getRawQuery();
        String method = rawQuery == null ? "" : queryParam(rawQuery, "method");
        Map<String, Object> params = new LinkedHashMap<>();
        if (body != null && body.length > 0) {
            params.putAll(TransJson.readObject(new String(body, StandardCharsets.UTF_8)));
        }
        params.put("gid", g.getGid());
        params.put("trans_type", g.getTransType());
        params.put("branch_id", branchId);
        params.put("op", op);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("jsonrpc", "2.0");
        envelope.put("method", method);
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("params", params);
        URI uri = URI.create(url);
        HttpPost request = new HttpPost(uri);
        byte[] sent = TransJson.write(envelope).getBytes(StandardCharsets.UTF_8);
        request.setEntity(new ByteArrayEntity(sent, ContentType.APPLICATION_JSON));
        Reply reply = send(g, request, uri, sent, trace);
        if (reply.truncated()) {
            return new Outcome(tooLong(reply), reply.status());
        }
        BranchCallResult httpResult = readReply(reply.status(), reply.body());
        if (httpResult.result() != ReplyOutcome.SUCCESS) {
            return new Outcome(httpResult, reply.status());
        }
        Object error = TransJson.readObject(reply.body()).get("error");
        if (error instanceof Map<?, ?> err && err.get("code") instanceof Number code) {
            ReplyOutcome result = switch (code.intValue()) {
                case -32901 -> ReplyOutcome.FAILURE;
                case -32902 -> ReplyOutcome.ONGOING;
                default -> ReplyOutcome.RETRYABLE;
            };
            return new Outcome(new BranchCallResult(result, LogSafe.reply(String.valueOf(err.get("message")))),
                    reply.status());
        }
        return new Outcome(httpResult, reply.status());
    }

    private Reply send(TransGlobal g, HttpUriRequestBase request, URI uri, byte[] body, BranchTracer.Call trace)
            throws IOException {
        Duration deadline = requestTimeout(g);
        Timeout timeout = Timeout.of(deadline);
        request
            .setConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout).build());
        request.setHeader("Content-Type", "application/json");
        g.getOptions().getBranchHeaders().forEach(request::setHeader);
        trace.inject(request::setHeader);
        String signature = signer.sign(request.getMethod(), uri, body);
        if (signature != null) {
            request.setHeader(CallbackSigner.HEADER, signature);
        }
        return exchangeBy(request, deadline);
    }

    /**
     * Sends the request and reads the reply, cutting both at {@code deadline}: the
     * timeouts of the client are per step (each read of the reply may wait as long), so a
     * branch that sends a byte now and then would hold the call for ever without this.
     * Cancelling the request closes its connection, which ends a blocked connect, write
     * or read at once.
     */
    private Reply exchangeBy(HttpUriRequestBase request, Duration deadline) throws IOException {
        AtomicBoolean cut = new AtomicBoolean();
        long started = System.nanoTime();
        ScheduledFuture<?> timer = deadlines.schedule(() -> {
            cut.set(true);
            request.cancel();
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return exchange(request);
        }
        catch (IOException | RuntimeException ex) {
            // the client's read timeout equals the deadline: on a busy machine it may end
            // a
            // silent read before the timer runs, and that call was cut at its deadline
            // too
            if (cut.get() || System.nanoTime() - started >= deadline.toNanos()) {
                throw new DeadlineExceededException(deadline, ex);
            }
            throw ex;
        }
        finally {
            timer.cancel(false);
        }
    }

    /**
     * Reads at most {@link #maxReplyBytes} (and one more, to tell a longer reply), into a
     * buffer that grows with what arrives, never sized from the reply's
     * {@code Content-Length}. A reply not read to its end is not drained: its connection
     * is closed.
     */
    private Reply exchange(HttpUriRequestBase request) throws IOException {
        CloseableHttpResponse response = CloseableHttpResponse.adapt(http.executeOpen(null, request, null));
        boolean readToEnd = false;
        try {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                readToEnd = true;
                return new Reply(response.getCode(), "", false);
            }
            InputStream in = entity.getContent();
            byte[] read = (in != null) ? in.readNBytes(maxReplyBytes + 1) : new byte[0];
            boolean truncated = read.length > maxReplyBytes;
            readToEnd = !truncated;
            return new Reply(response.getCode(),
                    new String(read, 0, Math.min(read.length, maxReplyBytes), StandardCharsets.UTF_8), truncated);
        }
        finally {
            if (readToEnd) {
                response.close();
            }
            else {
                response.close(CloseMode.IMMEDIATE);
            }
        }
    }

    private Duration requestTimeout(TransGlobal g) {
        long seconds = Math.min(g.getOptions().getRequestTimeout(), EngineSettings.MAX_REQUEST_TIMEOUT.toSeconds());
        return seconds > 0 ? Duration.ofSeconds(seconds) : defaultRequestTimeout;
    }

    private static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    /**
     * A reply: its status and body, or the first {@code maxReplyBytes} of a longer body
     * ({@code truncated}).
     */
    private record Reply(int status, String body, boolean truncated) {
    }

    /** One branch of one transaction, as calls to it are told apart. */
    private record InFlight(String gid, String branchId, String op) {
    }

    /** A call cut at its deadline. */
    private static final class DeadlineExceededException extends IOException {

        private final Duration deadline;

        DeadlineExceededException(Duration deadline, Exception cause) {
            super("cut at its deadline of " + deadline, cause);
            this.deadline = deadline;
        }

    }

    /**
     * A call's result and the HTTP status of the reply it was read from (0 when there was
     * none).
     */
    private record Outcome(BranchCallResult result, int httpStatus) {
    }

    /**
     * Resolves host names as the system does and refuses addresses the policy refuses.
     */
    private static final class GuardedDnsResolver implements DnsResolver {

        private final BranchUrlPolicy policy;

        GuardedDnsResolver(BranchUrlPolicy policy) {
            this.policy = policy;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                String refusal = policy.refusedAddress(host, address);
                if (refusal != null) {
                    throw new UnknownHostException(refusal);
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }

    }

}
