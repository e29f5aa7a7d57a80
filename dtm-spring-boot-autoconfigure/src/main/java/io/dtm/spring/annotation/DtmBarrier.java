package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a participant's handler method (saga action or compensation, msg step, or any
 * branch): the handler runs in a local transaction behind the branch barrier, with the op
 * taken from the request's {@code op} parameter. Repeated calls do nothing, a
 * compensation whose action never ran is empty, and an action that arrives after its
 * compensation is refused.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DtmBarrier {

}
