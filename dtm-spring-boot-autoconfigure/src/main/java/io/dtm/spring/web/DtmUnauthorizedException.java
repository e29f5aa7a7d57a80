package io.dtm.spring.web;

/**
 * Where {@link io.dtm.spring.security.DtmUnauthorizedException} was before it moved.
 *
 * @deprecated since 0.1.0 for removal: catch
 * {@link io.dtm.spring.security.DtmUnauthorizedException}, which dtm throws
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public class DtmUnauthorizedException extends io.dtm.spring.security.DtmUnauthorizedException {

    public DtmUnauthorizedException(String message) {
        super(message);
    }

}
