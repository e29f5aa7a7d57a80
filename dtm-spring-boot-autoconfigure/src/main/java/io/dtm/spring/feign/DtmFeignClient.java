package io.dtm.spring.feign;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import feign.Client;
import feign.Request;
import feign.Response;
import feign.Target;
import feign.Util;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.BranchRegistration;
import io.dtm.protocol.DtmReply;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalXa;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.annotation.support.AnnotatedMethods;
import io.dtm.spring.annotation.support.GlobalTransaction;
import io.dtm.spring.annotation.support.NoGlobalTransactionException;
import io.dtm.spring.annotation.support.StepRecording;
import io.dtm.spring.client.DtmClient;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.web.CallbackSignatures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Feign {@link Client} behind the initiator annotations. It sees each request fully
 * built (URL from the client's target and the method's mapping, body encoded, dtm's query
 * parameters added by the propagation):
 * <ul>
 * <li>a {@link DtmStep} method called inside a {@link GlobalSaga} or {@link DtmMsg} is
 * recorded as a step and not sent; Feign gets an empty 200 reply, so the method returns
 * {@code null};</li>
 * <li>a {@link TccTry} method registers its branch (the branch id assigned by the
 * propagation, confirm and cancel, the body as data), then sends the try; a FAILURE or
 * ONGOING reply becomes a {@code DtmFailureException} or
 * {@code DtmOngoingException};</li>
 * <li>a call made inside a {@link GlobalXa} is sent, and a FAILURE or ONGOING reply
 * handled as for a try;</li>
 * <li>any other call is sent as is.</li>
 * </ul>
 * A {@link DtmStep} or {@link TccTry} call made outside the transaction it belongs to
 * fails with {@link NoGlobalTransactionException}, unless plain calls are allowed
 * ({@value NoGlobalTransactionException#PLAIN_CALLS_PROPERTY}): then it is sent as is.
 */
public class DtmFeignClient implements Client {

    private static final String FEIGN_CLIENT = "org.springframework.cloud.openfeign.FeignClient";

    private static final List<String> DTM_PARAMETERS = List.of(DtmTransaction.GID, DtmTransaction.TRANS_TYPE,
            DtmTransaction.BRANCH_ID, DtmTransaction.OP, DtmTransaction.DTM);

    private final Client delegate;

    private final ObjectProvider<DtmClient> dtmClient;

    private final BranchUrlResolver urlResolver;

    private final ObjectProvider<CallbackSignatures> signatures;

    private final boolean plainCallsOutsideTransaction;

    private final Map<Method, DtmMethod> methods = new ConcurrentHashMap<>();

    private final Map<Class<?>, Boolean> declaredWithUrl = new ConcurrentHashMap<>();

    public DtmFeignClient(Client delegate, ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver) {
        this(delegate, dtmClient, urlResolver, null, false);
    }

    /**
     * @param signatures signs the calls sent as a branch of a bound transaction (a try,
     * an XA branch, a nested branch), as the coordinator signs its own, so that
     * participants with {@code dtm.callback.verify=true} accept them; {@code null} signs
     * nothing
     */
    public DtmFeignClient(Client delegate, ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            ObjectProvider<CallbackSignatures> signatures) {
        this(delegate, dtmClient, urlResolver, signatures, false);
    }

    /**
     * @param plainCallsOutsideTransaction send a {@link DtmStep} or {@link TccTry} call
     * made outside its transaction as a plain call instead of failing
     */
    public DtmFeignClient(Client delegate, ObjectProvider<DtmClient> dtmClient, BranchUrlResolver urlResolver,
            ObjectProvider<CallbackSignatures> signatures, boolean plainCallsOutsideTransaction) {
        this.delegate = delegate;
        this.dtmClient = dtmClient;
        this.urlResolver = urlResolver;
        this.signatures = signatures;
        this.plainCallsOutsideTransaction = plainCallsOutsideTransaction;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        Method method = method(request);
        DtmMethod dtmMethod = (method != null) ? dtmMethod(method) : DtmMethod.NONE;
        if (dtmMethod != DtmMethod.NONE) {
            DtmStep step = dtmMethod.step();
            StepRecording recording = GlobalTransaction.recording();
            if (step != null && recording == null && !this.plainCallsOutsideTransaction) {
                throw stepOutsideTransaction(method);
            }
            if (step != null && recording != null) {
                recording.record(dtmMethod.stepDescription(), (transaction) -> record(transaction, step, request));
                return Response.builder()
                    .status(200)
                    .reason("recorded as a dtm step")
                    .request(request)
                    .headers(Map.of())
                    .body(new byte[0])
                    .build();
            }
            TccTry tccTry = dtmMethod.tccTry();
            if (tccTry != null) {
                return tccTry(method, tccTry, request, options);
            }
        }
        DtmTransaction bound = DtmContextHolder.get();
        if (bound != null && TransType.XA.is(bound.transType()) && BranchOp.ACTION.is(bound.op())) {
            return checked(this.delegate.execute(signed(request), options), "xa branch " + request.url());
        }
        return this.delegate.execute((bound != null) ? signed(request) : request, options);
    }

    /**
     * The request with a {@code Dtm-Signature} header when a secret is configured and it
     * carries dtm's gid.
     */
    private Request signed(Request request) {
        CallbackSignatures signer = (this.signatures != null) ? this.signatures.getIfAvailable() : null;
        if (signer == null || !signer.isEnabled() || request.headers().containsKey(CallbackSignatures.HEADER)) {
            return request;
        }
        URI uri = URI.create(request.url());
        if (uri.getRawQuery() == null || !uri.getRawQuery().contains(DtmTransaction.GID + "=")) {
            return request;
        }
        String signature = signer.sign(request.httpMethod().name(), uri,
                (request.body() != null) ? request.body() : new byte[0]);
        Map<String, Collection<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(CallbackSignatures.HEADER, List.of(signature));
        return Request.create(request.httpMethod(), request.url(), headers, request.body(), request.charset(),
                request.requestTemplate());
    }

    private static NoGlobalTransactionException stepOutsideTransaction(Method method) {
        DtmTransaction bound = DtmContextHolder.get();
        String detail = (bound != null) ? "This thread is in " + bound.transType() + " transaction " + bound.gid()
                + ", which records no steps: @DtmStep calls are steps of a saga or a message only." : null;
        return NoGlobalTransactionException.outside("The @DtmStep Feign method " + AnnotatedMethods.describe(method),
                "a @GlobalSaga or @DtmMsg method", detail);
    }

    private void record(Object recording, DtmStep step, Request request) {
        String baseUrl = baseUrl(request);
        String serviceName = serviceName(request);
        String action = this.urlResolver.resolve(withoutDtmParameters(request.url()), baseUrl, serviceName);
        byte[] body = (request.body() != null) ? request.body() : new byte[0];
        if (recording instanceof Saga saga) {
            String compensate = StringUtils.hasText(step.compensate())
                    ? this.urlResolver.resolve(step.compensate(), baseUrl, serviceName) : "";
            saga.add(action, compensate, body);
        }
        else if (recording instanceof Msg msg) {
            msg.add(action, body);
        }
    }

    private Response tccTry(Method method, TccTry tccTry, Request request, Request.Options options) throws IOException {
        DtmTransaction transaction = DtmContextHolder.get();
        if (transaction == null || !TransType.TCC.is(transaction.transType())) {
            if (this.plainCallsOutsideTransaction) {
                return this.delegate.execute((transaction != null) ? signed(request) : request, options);
            }
            String detail = (transaction != null) ? "This thread is in " + transaction.transType() + " transaction "
                    + transaction.gid() + ", not in a TCC." : null;
            throw NoGlobalTransactionException.outside("The @TccTry Feign method " + AnnotatedMethods.describe(method),
                    "a @GlobalTcc method (or a TCC branch handler)", detail);
        }
        String branchId = UriComponentsBuilder.fromUriString(request.url())
            .build()
            .getQueryParams()
            .getFirst(DtmTransaction.BRANCH_ID);
        if (!StringUtils.hasText(branchId)) {
            throw new IllegalStateException("The try " + request.url() + " carries no branch_id: dtm's Feign "
                    + "propagation (DtmFeignRequestInterceptor) is not applied to this Feign client");
        }
        DtmClient client = this.dtmClient.getObject();
        String data = (request.body() != null) ? new String(request.body(), StandardCharsets.UTF_8) : "";
        String baseUrl = baseUrl(request);
        String serviceName = serviceName(request);
        String confirm = this.urlResolver.resolve(tccTry.confirm(), baseUrl, serviceName);
        String cancel = this.urlResolver.resolve(tccTry.cancel(), baseUrl, serviceName);
        String dtm = StringUtils.hasText(transaction.dtm()) ? transaction.dtm() : client.server();
        client.registerBranch(dtm, BranchRegistration.tcc(transaction.gid(), branchId, confirm, cancel, data));
        return checked(this.delegate.execute(signed(request), options), "tcc try " + request.url());
    }

    /**
     * Applies dtm's reply rules to a try's reply; other errors are left to Feign's error
     * decoder.
     */
    private static Response checked(Response response, String what) throws IOException {
        byte[] body;
        try (InputStream stream = (response.body() != null) ? response.body().asInputStream() : null) {
            body = (stream != null) ? Util.toByteArray(stream) : new byte[0];
        }
        int status = response.status();
        DtmReply reply = new DtmReply(status, new String(body, StandardCharsets.UTF_8));
        ReplyOutcome outcome = reply.outcome();
        boolean dtmResult = outcome == ReplyOutcome.FAILURE || outcome == ReplyOutcome.ONGOING;
        if (dtmResult && (status / 100 == 2 || status == 409 || status == 425)) {
            reply.check(what);
        }
        return response.toBuilder().body(body).build();
    }

    private static Method method(Request request) {
        if (request.requestTemplate() == null || request.requestTemplate().methodMetadata() == null) {
            return null;
        }
        return request.requestTemplate().methodMetadata().method();
    }

    private static String baseUrl(Request request) {
        Target<?> target = target(request);
        return (target != null) ? target.url() : null;
    }

    private DtmMethod dtmMethod(Method method) {
        DtmMethod dtmMethod = this.methods.get(method);
        return (dtmMethod != null) ? dtmMethod : this.methods.computeIfAbsent(method, DtmMethod::of);
    }

    /**
     * The service name of a load-balanced Feign client: one declared with a name and no
     * URL.
     */
    private String serviceName(Request request) {
        Target<?> target = target(request);
        if (target == null) {
            return null;
        }
        Boolean withUrl = this.declaredWithUrl.get(target.type());
        if (withUrl == null) {
            withUrl = this.declaredWithUrl.computeIfAbsent(target.type(), DtmFeignClient::declaresUrl);
        }
        return withUrl ? null : target.name();
    }

    private static boolean declaresUrl(Class<?> feignClientType) {
        MergedAnnotation<?> feignClient = MergedAnnotations.from(feignClientType).get(FEIGN_CLIENT);
        return feignClient.isPresent() && StringUtils.hasText(feignClient.getString("url"));
    }

    private static Target<?> target(Request request) {
        return (request.requestTemplate() != null) ? request.requestTemplate().feignTarget() : null;
    }

    /**
     * The dtm annotations of a Feign method, looked up once per method rather than on
     * every request.
     */
    private record DtmMethod(DtmStep step, TccTry tccTry, String stepDescription) {

        static final DtmMethod NONE = new DtmMethod(null, null, null);

        static DtmMethod of(Method method) {
            DtmStep step = AnnotatedElementUtils.findMergedAnnotation(method, DtmStep.class);
            TccTry tccTry = AnnotatedElementUtils.findMergedAnnotation(method, TccTry.class);
            if (step == null && tccTry == null) {
                return NONE;
            }
            return new DtmMethod(step, tccTry, "The @DtmStep Feign method " + AnnotatedMethods.describe(method));
        }

    }

    static String withoutDtmParameters(String url) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(url);
        DTM_PARAMETERS.forEach((name) -> builder.replaceQueryParam(name));
        return builder.build(true).toUriString();
    }

}
