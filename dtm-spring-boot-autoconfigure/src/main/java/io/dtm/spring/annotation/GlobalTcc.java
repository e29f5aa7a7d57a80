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

    /**
     * Let the submit wait until the coordinator has confirmed every branch. The call then
     * has three outcomes: it returns when the transaction succeeded; it throws
     * {@link io.dtm.protocol.DtmFailureException} when it failed (it was cancelled); it
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
     * throws {@link IllegalArgumentException} and nothing is started. Inside a TCC
     * branch, where the method joins the bound transaction, the gid is not used.
     */
    String gid() default "";

}
