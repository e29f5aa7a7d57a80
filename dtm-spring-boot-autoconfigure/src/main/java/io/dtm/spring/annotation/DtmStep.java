package io.dtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Feign client method as a step of a {@link GlobalSaga} or {@link DtmMsg}: called
 * inside one, the call is recorded (the request's URL and body) and the coordinator makes
 * it later. The method must return {@code void}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DtmStep {

    /**
     * The compensation of a saga step: a path resolved against the Feign client's base
     * URL (e.g. {@code /transOutRevert}) or an absolute URL. Empty for msg steps and
     * steps without compensation.
     */
    String compensate() default "";

}
