package io.dtm.spring.feign;

import java.io.IOException;
import java.util.Map;

import feign.Client;
import feign.Request;
import feign.Response;
import io.dtm.spring.annotation.DtmStep;
import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.support.StepRecording;
import io.dtm.spring.client.Msg;
import io.dtm.spring.client.Saga;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

import org.springframework.util.StringUtils;

/**
 * The outermost client of dtm's Feign chain: a {@link DtmStep} method called inside a
 * {@code @GlobalSaga} or {@code @DtmMsg} is recorded as a step and not sent; Feign gets
 * an empty 200 reply, so the method returns {@code null}. Called outside, it fails with
 * {@link NoGlobalTransactionException}, or goes on as a plain call when allowed.
 */
final class StepRecordingFeignClient implements Client {

    private final Client next;

    private final FeignCalls calls;

    private final BranchUrlResolver urlResolver;

    private final boolean plainCallsOutsideTransaction;

    StepRecordingFeignClient(Client next, FeignCalls calls, BranchUrlResolver urlResolver,
            boolean plainCallsOutsideTransaction) {
        this.next = next;
        this.calls = calls;
        this.urlResolver = urlResolver;
        this.plainCallsOutsideTransaction = plainCallsOutsideTransaction;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        FeignCalls.DtmMethod method = this.calls.dtmMethod(request);
        DtmStep step = method.step();
        if (step == null) {
            return this.next.execute(request, options);
        }
        StepRecording recording = StepRecording.current();
        if (recording == null) {
            if (this.plainCallsOutsideTransaction) {
                return this.next.execute(request, options);
            }
            throw outsideTransaction(method);
        }
        recording.record("The @DtmStep Feign method " + method.description(),
                (transaction) -> record(transaction, step, request));
        return Response.builder()
            .status(200)
            .reason("recorded as a dtm step")
            .request(request)
            .headers(Map.of())
            .body(new byte[0])
            .build();
    }

    private void record(Object transaction, DtmStep step, Request request) {
        String baseUrl = FeignCalls.baseUrl(request);
        String serviceName = this.calls.serviceName(request);
        String action = this.urlResolver.resolve(FeignCalls.withoutDtmParameters(request.url()), baseUrl, serviceName);
        byte[] body = FeignCalls.body(request);
        if (transaction instanceof Saga saga) {
            String compensate = StringUtils.hasText(step.compensate())
                    ? this.urlResolver.resolve(step.compensate(), baseUrl, serviceName) : "";
            saga.add(action, compensate, body);
        }
        else if (transaction instanceof Msg msg) {
            msg.add(action, body);
        }
    }

    private static NoGlobalTransactionException outsideTransaction(FeignCalls.DtmMethod method) {
        DtmTransaction bound = DtmContextHolder.get();
        String detail = (bound != null) ? "This thread is in " + bound.transType() + " transaction " + bound.gid()
                + ", which records no steps: @DtmStep calls are steps of a saga or a message only." : null;
        return NoGlobalTransactionException.outside("The @DtmStep Feign method " + method.description(),
                "a @GlobalSaga or @DtmMsg method", detail);
    }

}
