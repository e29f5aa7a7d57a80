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

    /**
     * Let the submit wait until the coordinator has committed every branch. The call then
     * has three outcomes: it returns when the transaction succeeded; it throws
     * {@link io.dtm.protocol.DtmFailureException} when it failed (it was rolled back); it
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
     * throws {@link IllegalArgumentException} and nothing is started. Inside an XA
     * branch, where the method joins the bound transaction, the gid is not used.
     */
    String gid() default "";

}
