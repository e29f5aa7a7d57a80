package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method as the local business of a 2-phase message. The method runs in a local
 * transaction on the application's DataSource that also writes the msg barrier row; calls
 * it makes to Feign methods marked {@link DtmStep} are recorded as the message's steps.
 * Before the local transaction commits (and once the tasks the method handed out with
 * dtm's context have ended; see {@code dtm.annotations.async-step-wait}) the message is
 * prepared with those steps; after the commit it is submitted and the coordinator runs
 * the steps. If the method throws, the local transaction rolls back and no message is
 * sent. A crash between commit and submit is resolved by the coordinator through the
 * built-in query-prepared endpoint.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DtmMsg {

    /**
     * Timeout after which the coordinator back-checks a prepared message, e.g.
     * {@code 60s}; empty for the default.
     */
    String timeoutToFail() default "";

    /** Base retry interval of failed steps, e.g. {@code 10s}; empty for the default. */
    String retryInterval() default "";

    /**
     * Let the submit wait until the coordinator has run the steps. The call then has
     * three outcomes: it returns when the transaction succeeded; it throws
     * {@link io.dtm.protocol.DtmFailureException} when it failed (it was not done); it
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
     * throws {@link IllegalArgumentException} and nothing is started. A retry whose local
     * transaction is still running waits for it (the msg barrier row is locked), then
     * answers as above.
     */
    String gid() default "";

    /** Run the steps in parallel. */
    boolean concurrent() default false;

    /**
     * The back-check URL; empty for the built-in endpoint of this service
     * ({@code <callback-url>/dtm/msg/query-prepared}).
     */
    String queryPrepared() default "";

}
