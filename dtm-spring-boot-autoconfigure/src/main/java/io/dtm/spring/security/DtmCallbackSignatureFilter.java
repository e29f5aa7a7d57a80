package io.dtm.spring.security;

import java.io.IOException;

import io.dtm.spring.security.CallbackSignatures.Verification;
import io.dtm.spring.web.servlet.CachedBodyRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the signature of calls that carry one (and, with
 * {@code dtm.callback.verify=true}, of every call that carries a {@code gid}), reading
 * the body up front, and leaves the outcome on the request for
 * {@link SignedCallbackGuard}. It refuses nothing itself: the endpoints and handlers that
 * need a signature do.
 */
public class DtmCallbackSignatureFilter extends OncePerRequestFilter {

    static final String VERIFICATION_ATTRIBUTE = DtmCallbackSignatureFilter.class.getName() + ".verification";

    /**
     * dtm's payloads are at most 64 KiB; a JSON-RPC envelope around one stays well under
     * this.
     */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final CallbackSignatures signatures;

    private final boolean verifyHandlers;

    public DtmCallbackSignatureFilter(CallbackSignatures signatures, boolean verifyHandlers) {
        this.signatures = signatures;
        this.verifyHandlers = verifyHandlers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!this.signatures.isEnabled() || !needsCheck(request)) {
            chain.doFilter(request, response);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            // reading a form body here would hide its parameters from the handler; dtm
            // never sends forms
            request.setAttribute(VERIFICATION_ATTRIBUTE, Verification.refused("form bodies are not signed calls"));
            chain.doFilter(request, response);
            return;
        }
        CachedBodyRequest cached = CachedBodyRequest.read(request, MAX_BODY_BYTES);
        if (cached == null) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter()
                .write("{\"message\":\"the body of a dtm call is limited to " + MAX_BODY_BYTES + " bytes\"}");
            return;
        }
        Verification verification = this.signatures.verify(request.getMethod(), request.getHeader(HttpHeaders.HOST),
                request.getRequestURI(), request.getQueryString(), cached.body(),
                request.getHeader(CallbackSignatures.HEADER));
        cached.setAttribute(VERIFICATION_ATTRIBUTE, verification);
        chain.doFilter(cached, response);
    }

    private boolean needsCheck(HttpServletRequest request) {
        if (request.getHeader(CallbackSignatures.HEADER) != null) {
            return true;
        }
        String query = request.getQueryString();
        return this.verifyHandlers && query != null && query.contains("gid=");
    }

}
