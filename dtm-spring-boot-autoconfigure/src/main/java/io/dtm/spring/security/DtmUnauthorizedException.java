package io.dtm.spring.security;

/**
 * A call that needs the coordinator's signature did not carry a valid one; answered 401
 * {@code {"message":...}} before anything is changed.
 */
public class DtmUnauthorizedException extends RuntimeException {

    public DtmUnauthorizedException(String message) {
        super(message);
    }

}
