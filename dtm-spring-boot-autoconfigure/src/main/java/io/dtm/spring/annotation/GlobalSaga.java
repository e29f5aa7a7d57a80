package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method as the initiator of a saga. Calls it makes to Feign methods marked
 * {@link DtmStep} are recorded as the saga's steps (action URL and body) instead of being
 * sent; other calls run normally. When the method returns, the saga is submitted and the
 * coordinator runs the steps; when it throws, nothing is submitted.
 * {@link io.dtm.spring.annotation.support.GlobalTransaction#currentSaga()} adds steps by
 * URL. Sagas do not nest.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface GlobalSaga {

    /**
     * Timeout after which the saga fails and compensates, e.g. {@code 60s}; empty for the
     * default.
     */
    String timeoutToFail() default "";

    /** Base retry interval of failed steps, e.g. {@code 10s}; empty for the default. */
    String retryInterval() default "";

    /**
     * Let the submit wait until the coordinator has run the steps, and throw if the saga
     * failed.
     */
    boolean waitResult() default false;

    /** Run the steps in parallel, subject to {@link #orders()}. */
    boolean concurrent() default false;

    /**
     * Step order of a concurrent saga, one entry per step with prerequisites:
     * {@code "2:0,1"} means step 2 (the third recorded step, 0-based) starts only after
     * steps 0 and 1 succeeded.
     */
    String[] orders() default {};

}
