package io.dtm.spring.annotation.support;

import org.aopalliance.intercept.MethodInterceptor;
import org.aspectj.lang.ProceedingJoinPoint;

/**
 * Base of dtm's aspects, woven by the AspectJ compiler or load-time weaver when
 * {@code dtm.annotations.mode=aspectj}. Each aspect is a singleton
 * ({@code Aspects.aspectOf(type)}) that the auto-configuration configures with its
 * interceptors; the behaviour is that of the interceptors, which Spring AOP applies
 * through proxies in the default mode.
 */
public abstract class AbstractDtmAspect {

    /**
     * The property that selects how the annotations are applied: {@code proxy} (default)
     * or {@code aspectj}.
     */
    public static final String MODE_PROPERTY = "dtm.annotations.mode";

    protected final Object invoke(MethodInterceptor interceptor, ProceedingJoinPoint joinPoint) throws Throwable {
        if (interceptor == null) {
            throw new IllegalStateException("dtm's " + getClass().getSimpleName() + " is woven into "
                    + joinPoint.getSignature().getDeclaringTypeName() + " but not configured: set " + MODE_PROPERTY
                    + "=aspectj so that the auto-configuration configures the woven aspects (in proxy mode, do not "
                    + "weave dtm's aspects), and call annotated methods only once the application context is started");
        }
        return interceptor.invoke(new JoinPointInvocation(joinPoint));
    }

}
