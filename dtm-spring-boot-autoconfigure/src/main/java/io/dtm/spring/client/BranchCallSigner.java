package io.dtm.spring.client;

/**
 * Signs the calls this service makes to branches itself, as the coordinator signs its
 * own, so that participants that check signatures accept them.
 */
public interface BranchCallSigner {

    /** The header that carries the signature. */
    String HEADER = "Dtm-Signature";

    /** Whether calls are signed: only when a secret is configured. */
    boolean isEnabled();

    /**
     * The {@value #HEADER} value for a call, or {@code null} when calls are not signed.
     */
    String sign(String method, String rawPath, String rawQuery, byte[] body);

}
