package io.dtm.spring.security;

import io.dtm.spring.security.CallbackSignatures.Verification;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a signature is required: on the built-in endpoints whenever a secret is
 * configured, and on the annotated participant handlers ({@code @DtmBarrier},
 * {@code @TccTry}/{@code Confirm}/{@code Cancel}, {@code @XaBranch}) when
 * {@code dtm.callback.verify=true}. It reads the outcome
 * {@link DtmCallbackSignatureFilter} left on the request; a request the filter did not
 * check counts as unsigned, so a path the filter did not recognise cannot slip past.
 */
public class SignedCallbackGuard {

    private final CallbackSignatures signatures;

    private final boolean verifyHandlers;

    public SignedCallbackGuard(CallbackSignatures signatures, boolean verifyHandlers) {
        if (verifyHandlers && !signatures.isEnabled()) {
            throw new IllegalStateException(
                    "dtm.callback.verify=true needs dtm.callback.secrets: set the secret(s) the "
                            + "coordinator signs with (dtm.coordinator.callback.signing-keys)");
        }
        this.signatures = signatures;
        this.verifyHandlers = verifyHandlers;
    }

    public boolean isEnabled() {
        return this.signatures.isEnabled();
    }

    public boolean verifiesHandlers() {
        return this.verifyHandlers;
    }

    /**
     * For a built-in endpoint: throws {@link DtmUnauthorizedException} unless unsigned
     * calls are allowed.
     */
    public void requireSigned(HttpServletRequest request, String what) {
        if (this.signatures.isEnabled()) {
            check(request, what);
        }
    }

    /** For an annotated handler running in the current request. */
    public void requireSignedHandler(String what) {
        if (!this.verifyHandlers) {
            return;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            throw new DtmUnauthorizedException(
                    what + " needs a signed call (dtm.callback.verify=true), and this one " + "did not come over HTTP");
        }
        check(servlet.getRequest(), what);
    }

    private static void check(HttpServletRequest request, String what) {
        Object result = request.getAttribute(DtmCallbackSignatureFilter.VERIFICATION_ATTRIBUTE);
        if (result instanceof Verification verification) {
            if (!verification.valid()) {
                throw new DtmUnauthorizedException(what + " refused: " + verification.reason());
            }
            return;
        }
        throw new DtmUnauthorizedException(
                what + " refused: the call is not signed: a " + CallbackSignatures.HEADER + " header is required");
    }

}
