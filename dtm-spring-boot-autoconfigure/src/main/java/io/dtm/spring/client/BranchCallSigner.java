package io.dtm.spring.client;

/**
 * Where {@link io.dtm.spring.security.BranchCallSigner} was before it moved.
 *
 * @deprecated since 0.1.0 for removal: implement
 * {@link io.dtm.spring.security.BranchCallSigner}
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public interface BranchCallSigner extends io.dtm.spring.security.BranchCallSigner {

}
