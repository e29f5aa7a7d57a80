package io.dtm.test.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.dtm.protocol.DtmReply;
import io.dtm.protocol.ReplyOutcome;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.web.BranchCalls;
import io.dtm.spring.web.servlet.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Applies armed {@link BranchFault faults} to the branch calls the initiator makes
 * itself, which never pass through the coordinator: TCC tries, XA branches, a workflow's
 * branch calls. It stands in front of the participant's handlers, in the test's own web
 * server, and records every such call in the {@link FaultLedger}. A fault that runs the
 * handler and then answers in its place sends the request again to this server, so that
 * every filter and the handler see it as they see the original.
 */
public class InitiatorCallFaultFilter extends OncePerRequestFilter {

    private static final String FAILURE_BODY = "{\"dtm_result\":\"FAILURE\",\"message\":\"%s\"}";

    private final FaultLedger ledger;

    private final Redelivery redelivery;

    public InitiatorCallFaultFilter(FaultLedger ledger) {
        this.ledger = ledger;
        this.redelivery = new Redelivery();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BranchTarget target = (request.getHeader(Redelivery.HEADER) == null) ? target(request) : null;
        if (target == null || !target.calledByInitiator()) {
            chain.doFilter(request, response);
            return;
        }
        Fault fault = this.ledger.take(target, (candidate) -> candidate != Fault.COORDINATOR_CRASH_AFTER_CALL);
        if (fault == null) {
            pass(target, null, request, response, chain);
            return;
        }
        switch (fault) {
            case FAILURE -> answer(response, target, fault, 409, ReplyOutcome.FAILURE, "FAILURE injected by the test");
            case ERROR_BEFORE_HANDLER -> answer(response, target, fault, 500, ReplyOutcome.RETRYABLE,
                    "http status 500, injected by the test before the handler");
            case ERROR_AFTER_COMMIT -> {
                this.redelivery.send(Redelivery.Request.of(request, body(request)));
                answer(response, target, fault, 500, ReplyOutcome.RETRYABLE,
                        "http status 500, injected by the test after the handler");
            }
            case TIMEOUT_AFTER_COMMIT -> {
                this.redelivery.send(Redelivery.Request.of(request, body(request)));
                answer(response, target, fault, 504, ReplyOutcome.RETRYABLE,
                        "http status 504, timeout injected by the test after the handler");
            }
            case DELIVERED_TWICE -> {
                byte[] body = body(request);
                this.redelivery.send(Redelivery.Request.of(request, body));
                pass(target, fault, CachedBodyRequest.of(request, body), response, chain);
            }
            case DELIVERED_AFTER_COMPENSATION -> {
                Redelivery.Request held = Redelivery.Request.of(request, body(request));
                this.ledger.hold(target, () -> deliverLate(target, held));
                answer(response, target, fault, 409, ReplyOutcome.FAILURE,
                        "held back by the test, to be delivered after the transaction ends");
            }
            case COORDINATOR_CRASH_AFTER_CALL -> throw new IllegalStateException(fault + " is never taken here");
        }
    }

    private void deliverLate(BranchTarget target, Redelivery.Request held) {
        Redelivery.Reply reply = this.redelivery.send(held);
        this.ledger.record(new BranchCall(target, Fault.DELIVERED_AFTER_COMPENSATION, reply.outcome(),
                "delivered late: http status " + reply.status()));
    }

    private void pass(BranchTarget target, Fault fault, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        }
        finally {
            String body = new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8);
            DtmReply reply = new DtmReply(captured.getStatus(), body);
            this.ledger.record(new BranchCall(target, fault, reply.outcome(), "http status " + captured.getStatus()));
            captured.copyBodyToResponse();
        }
    }

    private void answer(HttpServletResponse response, BranchTarget target, Fault fault, int status,
            ReplyOutcome outcome, String message) throws IOException {
        this.ledger.record(new BranchCall(target, fault, outcome, message));
        response.setStatus(status);
        response.setContentType("application/json");
        byte[] body = ((outcome == ReplyOutcome.FAILURE) ? FAILURE_BODY.formatted(message) : message)
            .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static @Nullable BranchTarget target(HttpServletRequest request) {
        DtmTransaction transaction = BranchCalls.transaction(request.getQueryString());
        if (transaction == null || transaction.branchId().isEmpty() || transaction.op().isEmpty()) {
            return null;
        }
        return new BranchTarget(transaction.gid(), transaction.transType(), transaction.branchId(), transaction.op(),
                request.getRequestURL().toString());
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        return request.getInputStream().readAllBytes();
    }

}
