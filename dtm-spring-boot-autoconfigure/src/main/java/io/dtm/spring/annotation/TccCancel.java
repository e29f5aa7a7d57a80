package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The cancel of a TCC branch, on a participant's handler method: the handler runs in a
 * local transaction behind the branch barrier with op {@code cancel}, so that a repeated
 * call does nothing and a cancel whose try never ran is an empty compensation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TccCancel {

}
