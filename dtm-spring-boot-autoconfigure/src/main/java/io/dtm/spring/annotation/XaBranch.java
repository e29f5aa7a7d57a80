package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a participant's handler method: the handler's work on the application's DataSource
 * runs in an XA branch (MySQL/MariaDB {@code XA ...}, PostgreSQL
 * {@code PREPARE TRANSACTION}) that is registered with the coordinator; the coordinator
 * commits or rolls it back through the built-in phase 2 endpoint.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface XaBranch {

}
