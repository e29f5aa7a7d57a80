package io.dtm.spring.propagation;

import java.io.IOException;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmMdc;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.web.BranchCalls;
import io.dtm.spring.web.LogText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the transaction named by dtm's query parameters for the handler of the request,
 * and always clears it afterwards. The parameters are read from the query string only,
 * never from a form body. A {@code dtm} parameter that names none of the
 * {@link TrustedCoordinators} is ignored, so the participant uses its own coordinator.
 * While the handler runs, the transaction's keys are in the logging MDC ({@link DtmMdc}).
 */
public class DtmInboundFilter extends OncePerRequestFilter {

    private static final Log log = LogFactory.getLog(DtmInboundFilter.class);

    private final TrustedCoordinators coordinators;

    /** Honours any {@code dtm} parameter, as dtm's SDKs do. */
    public DtmInboundFilter() {
        this(TrustedCoordinators.any());
    }

    public DtmInboundFilter(TrustedCoordinators coordinators) {
        this.coordinators = coordinators;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DtmTransaction transaction = BranchCalls.transaction(request.getQueryString());
        if (transaction != null && !transaction.dtm().isEmpty() && !this.coordinators.isTrusted(transaction.dtm())) {
            log.warn("ignored dtm=" + LogText.prefix(transaction.dtm(), 200) + " of gid="
                    + LogText.prefix(transaction.gid(), 128) + ": not dtm.server nor one of dtm.trusted-servers");
            transaction = new DtmTransaction(transaction.gid(), transaction.transType(), transaction.branchId(),
                    transaction.op(), null);
        }
        if (transaction == null) {
            chain.doFilter(request, response);
            return;
        }
        DtmContextHolder.bind(transaction);
        try (DtmMdc.Scope mdc = DtmMdc.put(transaction)) {
            chain.doFilter(request, response);
            if (log.isDebugEnabled()) {
                log.debug("branch gid=" + LogText.prefix(transaction.gid(), 128) + " branch_id="
                        + LogText.prefix(transaction.branchId(), 128) + " op=" + LogText.prefix(transaction.op(), 64)
                        + " answered " + response.getStatus());
            }
        }
        finally {
            DtmContextHolder.clear();
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

}
