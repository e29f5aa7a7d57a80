package io.dtm.spring.annotation.support;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInvocation;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * A woven method execution seen as the {@link MethodInvocation} the interceptors handle,
 * so that proxies and woven aspects run the same code.
 */
final class JoinPointInvocation implements MethodInvocation {

    private final ProceedingJoinPoint joinPoint;

    private final Method method;

    JoinPointInvocation(ProceedingJoinPoint joinPoint) {
        this.joinPoint = joinPoint;
        this.method = ((MethodSignature) joinPoint.getSignature()).getMethod();
    }

    @Override
    public Method getMethod() {
        return this.method;
    }

    @Override
    public Object[] getArguments() {
        return this.joinPoint.getArgs();
    }

    @Override
    public Object proceed() throws Throwable {
        return this.joinPoint.proceed();
    }

    @Override
    public Object getThis() {
        return this.joinPoint.getTarget();
    }

    @Override
    public AccessibleObject getStaticPart() {
        return this.method;
    }

}
