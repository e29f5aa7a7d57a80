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
 * Before the local transaction commits the message is prepared with those steps; after
 * the commit it is submitted and the coordinator runs the steps. If the method throws,
 * the local transaction rolls back and no message is sent. A crash between commit and
 * submit is resolved by the coordinator through the built-in query-prepared endpoint.
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

    /** Let the submit wait until the coordinator has run the steps. */
    boolean waitResult() default false;

    /** Run the steps in parallel. */
    boolean concurrent() default false;

    /**
     * The back-check URL; empty for the built-in endpoint of this service
     * ({@code <callback-url>/dtm/msg/query-prepared}).
     */
    String queryPrepared() default "";

}
