package io.dtm.spring.propagation;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmMdc;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.security.TrustedCoordinators;
import io.dtm.spring.support.LogText;
import io.dtm.spring.web.BranchCalls;
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

    /**
     * Distinct untrusted coordinator URLs warned about once each; callers choose the
     * URLs, so past this many the rest are logged at DEBUG.
     */
    static final int MAX_WARNED_URLS = 100;

    private final TrustedCoordinators coordinators;

    private final Set<String> warnedUrls = ConcurrentHashMap.newKeySet();

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
            logUntrusted(transaction);
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

    /**
     * Once per coordinator URL at WARN: every call of a transaction from that coordinator
     * carries the same URL, and the first line says all there is.
     */
    private void logUntrusted(DtmTransaction transaction) {
        String url = LogText.prefix(transaction.dtm(), 200);
        boolean first = this.warnedUrls.size() < MAX_WARNED_URLS && this.warnedUrls.add(url);
        if (first) {
            log.warn("ignored dtm=" + url + " of gid=" + LogText.prefix(transaction.gid(), 128)
                    + ": not dtm.server nor one of dtm.trusted-servers, so this service uses its own coordinator. "
                    + "If that is the coordinator of your services, set dtm.server to it (or add it to "
                    + "dtm.trusted-servers). Logged once for this URL; later calls at DEBUG");
        }
        else if (log.isDebugEnabled()) {
            log.debug("ignored dtm=" + url + " of gid=" + LogText.prefix(transaction.gid(), 128)
                    + ": not dtm.server nor one of dtm.trusted-servers");
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

}
