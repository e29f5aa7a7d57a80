package io.dtm.spring.feign;

import java.io.IOException;

import feign.Client;
import feign.Request;
import feign.Response;
import io.dtm.protocol.BranchOp;
import io.dtm.protocol.TransType;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;

/**
 * A call made as a branch of a bound XA transaction: its FAILURE or ONGOING reply becomes
 * a {@code DtmFailureException} or {@code DtmOngoingException}, as a try's does.
 */
final class XaBranchReplyFeignClient implements Client {

    private final Client next;

    XaBranchReplyFeignClient(Client next) {
        this.next = next;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        DtmTransaction bound = DtmContextHolder.get();
        Response response = this.next.execute(request, options);
        if (bound != null && TransType.XA.is(bound.transType()) && BranchOp.ACTION.is(bound.op())) {
            return FeignCalls.checked(response, "xa branch " + request.url());
        }
        return response;
    }

}
