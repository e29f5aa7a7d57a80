package io.dtm.spring.annotation.support;

import io.dtm.spring.annotation.GlobalTcc;
import io.dtm.spring.annotation.GlobalXa;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * Runs {@link GlobalTcc} and {@link GlobalXa} methods through their
 * {@link GlobalTwoPhaseInterceptor}.
 */
@Aspect
public class TwoPhaseInitiatorAspect extends AbstractDtmAspect {

    private volatile GlobalTwoPhaseInterceptor tccInterceptor;

    private volatile GlobalTwoPhaseInterceptor xaInterceptor;

    public void configure(GlobalTwoPhaseInterceptor tccInterceptor, GlobalTwoPhaseInterceptor xaInterceptor) {
        this.tccInterceptor = tccInterceptor;
        this.xaInterceptor = xaInterceptor;
    }

    @Around("execution(@io.dtm.spring.annotation.GlobalTcc * *(..))")
    public Object globalTcc(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.tccInterceptor, joinPoint);
    }

    @Around("execution(@io.dtm.spring.annotation.GlobalXa * *(..))")
    public Object globalXa(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.xaInterceptor, joinPoint);
    }

}
