package io.dtm.spring.security;

import java.net.URI;

import io.dtm.protocol.CallbackSignature;
import org.jspecify.annotations.Nullable;

/**
 * Signs the calls this service makes to branches itself, as the coordinator signs its own
 * ({@link CallbackSignature}), so that participants that check signatures accept them.
 */
public interface BranchCallSigner {

    /** The header that carries the signature. */
    String HEADER = CallbackSignature.HEADER;

    /** Whether calls are signed: only when a secret is configured. */
    boolean isEnabled();

    /**
     * The {@value #HEADER} value for a call to {@code uri}, or {@code null} when calls
     * are not signed.
     * @throws IllegalArgumentException if the URI's query repeats a dtm parameter
     */
    @Nullable String sign(String method, URI uri, byte[] body);

}
