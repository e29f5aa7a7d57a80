package io.dtm.spring.feign;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import feign.Request;
import feign.Response;
import feign.Target;
import feign.Util;
import io.dtm.protocol.DtmReply;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.TccTry;
import io.dtm.spring.annotation.support.AnnotatedMethods;
import io.dtm.spring.context.DtmTransaction;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the clients of dtm's Feign chain read from a request: the dtm annotations of its
 * method (looked up once per method), the Feign client's base URL and service name, and
 * dtm's reply rules. One instance is shared by the clients one capability installs.
 */
final class FeignCalls {

    private static final String FEIGN_CLIENT = "org.springframework.cloud.openfeign.FeignClient";

    private static final List<String> DTM_PARAMETERS = List.of(DtmTransaction.GID, DtmTransaction.TRANS_TYPE,
            DtmTransaction.BRANCH_ID, DtmTransaction.OP, DtmTransaction.DTM);

    private final Map<Method, DtmMethod> methods = new ConcurrentHashMap<>();

    private final Map<Class<?>, Boolean> declaredWithUrl = new ConcurrentHashMap<>();

    /** The dtm annotations of the request's Feign method. */
    DtmMethod dtmMethod(Request request) {
        Method method = method(request);
        if (method == null) {
            return DtmMethod.NONE;
        }
        DtmMethod dtmMethod = this.methods.get(method);
        return (dtmMethod != null) ? dtmMethod : this.methods.computeIfAbsent(method, DtmMethod::of);
    }

    static @Nullable String baseUrl(Request request) {
        Target<?> target = target(request);
        return (target != null) ? target.url() : null;
    }

    /**
     * The service name of a load-balanced Feign client: one declared with a name and no
     * URL.
     */
    @Nullable String serviceName(Request request) {
        Target<?> target = target(request);
        if (target == null) {
            return null;
        }
        Boolean withUrl = this.declaredWithUrl.get(target.type());
        if (withUrl == null) {
            withUrl = this.declaredWithUrl.computeIfAbsent(target.type(), FeignCalls::declaresUrl);
        }
        return withUrl ? null : target.name();
    }

    static byte[] body(Request request) {
        return (request.body() != null) ? request.body() : new byte[0];
    }

    /**
     * Applies dtm's reply rules to a branch's reply (FAILURE and ONGOING become
     * exceptions); other errors are left to Feign's error decoder.
     */
    static Response checked(Response response, String what) throws IOException {
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

    static String withoutDtmParameters(String url) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(url);
        DTM_PARAMETERS.forEach((name) -> builder.replaceQueryParam(name));
        return builder.build(true).toUriString();
    }

    private static @Nullable Method method(Request request) {
        if (request.requestTemplate() == null || request.requestTemplate().methodMetadata() == null) {
            return null;
        }
        return request.requestTemplate().methodMetadata().method();
    }

    private static boolean declaresUrl(Class<?> feignClientType) {
        MergedAnnotation<?> feignClient = MergedAnnotations.from(feignClientType).get(FEIGN_CLIENT);
        return feignClient.isPresent() && StringUtils.hasText(feignClient.getString("url"));
    }

    private static @Nullable Target<?> target(Request request) {
        return (request.requestTemplate() != null) ? request.requestTemplate().feignTarget() : null;
    }

    /** The dtm annotations of a Feign method. */
    record DtmMethod(@Nullable DtmStep step, @Nullable TccTry tccTry, String description) {

        static final DtmMethod NONE = new DtmMethod(null, null, "");

        static DtmMethod of(Method method) {
            DtmStep step = AnnotatedElementUtils.findMergedAnnotation(method, DtmStep.class);
            TccTry tccTry = AnnotatedElementUtils.findMergedAnnotation(method, TccTry.class);
            if (step == null && tccTry == null) {
                return NONE;
            }
            return new DtmMethod(step, tccTry, AnnotatedMethods.describe(method));
        }

    }

}
