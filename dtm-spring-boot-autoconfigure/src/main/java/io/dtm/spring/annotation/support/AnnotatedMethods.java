package io.dtm.spring.annotation.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Reads the dtm annotation of an intercepted method, from the method of the target class
 * or from an interface it implements (a participant may implement the Feign interface it
 * shares with its callers).
 */
public final class AnnotatedMethods {

    private AnnotatedMethods() {
    }

    static Method specificMethod(MethodInvocation invocation) {
        Object target = invocation.getThis();
        Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : null;
        return AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
    }

    static <A extends Annotation> A find(MethodInvocation invocation, Class<A> type) {
        Method method = specificMethod(invocation);
        A annotation = AnnotatedElementUtils.findMergedAnnotation(method, type);
        return (annotation != null) ? annotation
                : AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(), type);
    }

    /** The method as messages name it: {@code com.example.Bank.transfer()}. */
    public static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "()";
    }

    /**
     * Proceeds, letting checked exceptions through a functional interface that declares
     * {@code Exception}.
     */
    static Object proceed(MethodInvocation invocation) throws Exception {
        try {
            return invocation.proceed();
        }
        catch (Exception | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException(ex);
        }
    }

}
