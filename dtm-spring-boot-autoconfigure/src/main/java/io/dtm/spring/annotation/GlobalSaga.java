package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method as the initiator of a saga. Calls it makes to Feign methods marked
 * {@link DtmStep} are recorded as the saga's steps (action URL and body) instead of being
 * sent; other calls run normally. When the method returns, the saga is submitted (once
 * the tasks it handed out with dtm's context, e.g. {@code @Async} methods, have ended;
 * see {@code dtm.annotations.async-step-wait}) and the coordinator runs the steps; when
 * it throws, nothing is submitted.
 * {@link io.dtm.spring.annotation.GlobalTransaction#currentSaga()} adds steps by URL.
 * Sagas do not nest.
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
     * Let the submit wait until the coordinator has run the steps. The call then has
     * three outcomes: it returns when the transaction succeeded; it throws
     * {@link io.dtm.protocol.DtmFailureException} when it failed (it was compensated); it
     * throws {@link io.dtm.protocol.DtmOngoingException} when it is still running, e.g. a
     * participant is down: the coordinator keeps retrying and the transaction will
     * complete, so do not start it again. To retry such a call safely, give the
     * transaction a {@link #gid()} from the request's business key: the retry then
     * answers with the outcome of the transaction already started.
     */
    boolean waitResult() default false;

    /**
     * The gid, as a SpEL expression over the method's parameters (by name, or
     * {@code #p0}), e.g. {@code "'transfer-' + #request.id"}; empty for a new gid from
     * the coordinator. A gid derived from a business key makes a retried call
     * recognisable: before the method runs, the coordinator is asked for the gid, and if
     * it knows it the method is not run again: the call returns normally if that
     * transaction succeeded (a method that returns a value throws
     * {@link io.dtm.spring.annotation.DtmDuplicateTransactionException} instead, since
     * its value is not known), throws {@link io.dtm.protocol.DtmFailureException} if it
     * failed, and {@link io.dtm.protocol.DtmOngoingException} if it is still running. Two
     * calls that start the same gid at the same moment get the same answers. The gid must
     * have 1 to 128 characters, without control characters or {@code ;}; else the call
     * throws {@link IllegalArgumentException} and nothing is started.
     */
    String gid() default "";

    /** Run the steps in parallel, subject to {@link #orders()}. */
    boolean concurrent() default false;

    /**
     * Step order of a concurrent saga, one entry per step with prerequisites:
     * {@code "2:0,1"} means step 2 (the third recorded step, 0-based) starts only after
     * steps 0 and 1 succeeded.
     */
    String[] orders() default {};

}
