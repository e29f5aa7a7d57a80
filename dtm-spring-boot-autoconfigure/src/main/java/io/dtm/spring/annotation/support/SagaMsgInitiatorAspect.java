package io.dtm.spring.annotation.support;

import io.dtm.spring.annotation.DtmMsg;
import io.dtm.spring.annotation.GlobalSaga;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.DeclarePrecedence;

/**
 * Runs {@link GlobalSaga} and {@link DtmMsg} methods through
 * {@link GlobalSagaInterceptor} and {@link DtmMsgInterceptor}. As with proxies,
 * initiators wrap participant handlers, and dtm's aspects wrap the others (Spring's
 * {@code AnnotationTransactionAspect} included): an initiator submits after the local
 * commit.
 */
@Aspect
@DeclarePrecedence("io.dtm.spring.annotation.support.*InitiatorAspect, io.dtm.spring.annotation.support.*BranchAspect, *")
public class SagaMsgInitiatorAspect extends AbstractDtmAspect {

    private volatile GlobalSagaInterceptor sagaInterceptor;

    private volatile DtmMsgInterceptor msgInterceptor;

    public void configure(GlobalSagaInterceptor sagaInterceptor, DtmMsgInterceptor msgInterceptor) {
        this.sagaInterceptor = sagaInterceptor;
        this.msgInterceptor = msgInterceptor;
    }

    @Around("execution(@io.dtm.spring.annotation.GlobalSaga * *(..))")
    public Object globalSaga(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.sagaInterceptor, joinPoint);
    }

    @Around("execution(@io.dtm.spring.annotation.DtmMsg * *(..))")
    public Object dtmMsg(ProceedingJoinPoint joinPoint) throws Throwable {
        return invoke(this.msgInterceptor, joinPoint);
    }

}
