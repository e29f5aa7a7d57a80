package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method as the initiator of a TCC transaction: gid and prepare, then each call
 * to a Feign method marked {@link TccTry} registers a branch and sends its try. Normal
 * return: submit (confirm all). Exception: abort (cancel all) and the exception is
 * re-thrown. Called while a TCC branch is being handled, the method joins that
 * transaction and its tries become nested branches.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GlobalTcc {

    /**
     * Timeout after which a prepared transaction is cancelled, e.g. {@code 60s}; empty
     * for the default.
     */
    String timeoutToFail() default "";

    /**
     * Base retry interval of confirm and cancel calls, e.g. {@code 10s}; empty for the
     * default.
     */
    String retryInterval() default "";

    /** Let the submit wait until the coordinator has confirmed every branch. */
    boolean waitResult() default false;

}
