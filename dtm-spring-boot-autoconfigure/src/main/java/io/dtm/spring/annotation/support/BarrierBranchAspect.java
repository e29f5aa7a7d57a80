package io.dtm.spring.annotation.support;

import io.dtm.spring.annotation.DtmBarrier;
import io.dtm.spring.annotation.TccCancel;
import io.dtm.spring.annotation.TccConfirm;
import io.dtm.spring.annotation.TccTry;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * Runs {@link DtmBarrier}, {@link TccTry}, {@link TccConfirm} and {@link TccCancel}
 * handlers through their {@link BranchBarrierInterceptor}. Woven, the annotation must be
 * on the handler method itself, not only on an interface it implements.
 */
@Aspect
public class BarrierBranchAspect extends AbstractDtmAspect {

    private volatile BranchBarrierInterceptor barrierInterceptor;

    private volatile BranchBarrierInterceptor tryInterceptor;

    private volatile BranchBarrierInterceptor confirmInterceptor;

    private volatile BranchBarrierInterceptor cancelInterceptor;

    public void configure(BranchBarrierInterceptor barrierInterceptor, BranchBarrierInterceptor tryInterceptor,
            BranchBarrierInterceptor confirmInterceptor, BranchBarrierInterceptor cancelInterceptor) {
        this.barrierInterceptor = barrierInterceptor;
        this.tryInterceptor = tryInterceptor;
        this.confirmInterceptor = confirmInterceptor;
        this.cancelInterceptor = cancelInterceptor;
    }

    @Around("execution(@io.dtm.spring.annotation.DtmBarrier * *(..))")
    public Object dtmBarrier(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.barrierInterceptor, joinPoint);
    }

    @Around("execution(@io.dtm.spring.annotation.TccTry * *(..))")
    public Object tccTry(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.tryInterceptor, joinPoint);
    }

    @Around("execution(@io.dtm.spring.annotation.TccConfirm * *(..))")
    public Object tccConfirm(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.confirmInterceptor, joinPoint);
    }

    @Around("execution(@io.dtm.spring.annotation.TccCancel * *(..))")
    public Object tccCancel(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.cancelInterceptor, joinPoint);
    }

}
