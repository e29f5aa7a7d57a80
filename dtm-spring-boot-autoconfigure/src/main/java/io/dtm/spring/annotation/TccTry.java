package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The try of a TCC branch.
 * <p>
 * On a Feign client method (the initiator's side): called inside a {@link GlobalTcc}, the
 * call registers a branch whose confirm and cancel are {@link #confirm()} and
 * {@link #cancel()}, then sends the try. Both are required there.
 * <p>
 * On a participant's handler method: the handler runs in a local transaction behind the
 * branch barrier with op {@code try}: a repeated try does nothing and a try that arrives
 * after its cancel is refused.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TccTry {

    /**
     * Confirm URL: a path resolved against the Feign client's base URL, or an absolute
     * URL.
     */
    String confirm() default "";

    /**
     * Cancel URL: a path resolved against the Feign client's base URL, or an absolute
     * URL.
     */
    String cancel() default "";

}
