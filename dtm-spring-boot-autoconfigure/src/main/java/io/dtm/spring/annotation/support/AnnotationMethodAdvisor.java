package io.dtm.spring.annotation.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.aopalliance.aop.Advice;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Applies an interceptor to the methods annotated with one dtm annotation, on the method
 * itself or on an interface method it implements. JDK proxies are left alone: Feign
 * clients are JDK proxies of the interfaces that carry the initiator-side annotations,
 * and those calls are handled by the Feign client wrapper.
 */
public class AnnotationMethodAdvisor extends StaticMethodMatcherPointcutAdvisor {

    private final Class<? extends Annotation> annotationType;

    public AnnotationMethodAdvisor(Class<? extends Annotation> annotationType, Advice advice, int order) {
        super(advice);
        this.annotationType = annotationType;
        setOrder(order);
        setClassFilter((type) -> !Proxy.isProxyClass(type) && !type.isInterface());
    }

    public Class<? extends Annotation> getAnnotationType() {
        return this.annotationType;
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        return AnnotatedElementUtils.hasAnnotation(specific, this.annotationType)
                || AnnotatedElementUtils.hasAnnotation(method, this.annotationType);
    }

}
