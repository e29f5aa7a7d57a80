package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method as the initiator of an XA transaction: gid and prepare; every outbound
 * call it makes (Feign, RestClient, RestTemplate, WebClient) is an XA branch, whose
 * handler is marked {@link XaBranch}. Normal return: submit (commit all). Exception:
 * abort (roll back all) and the exception is re-thrown. Called while an XA branch is
 * being handled, the method joins that transaction.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GlobalXa {

    /**
     * Timeout after which a prepared transaction is rolled back, e.g. {@code 60s}; empty
     * for the default.
     */
    String timeoutToFail() default "";

    /** Base retry interval of phase 2 calls, e.g. {@code 10s}; empty for the default. */
    String retryInterval() default "";

    /** Let the submit wait until the coordinator has committed every branch. */
    boolean waitResult() default false;

}
