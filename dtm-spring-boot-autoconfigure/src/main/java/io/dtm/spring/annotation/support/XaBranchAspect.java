package io.dtm.spring.annotation.support;

import io.dtm.spring.annotation.XaBranch;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * Runs {@link XaBranch} handlers through the {@link XaBranchInterceptor}.
 */
@Aspect
public class XaBranchAspect extends AbstractDtmAspect {

    private volatile XaBranchInterceptor interceptor;

    public void configure(XaBranchInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Around("execution(@io.dtm.spring.annotation.XaBranch * *(..))")
    public Object xaBranch(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.interceptor, joinPoint);
    }

}
