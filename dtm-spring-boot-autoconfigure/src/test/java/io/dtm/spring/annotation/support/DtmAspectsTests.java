package io.dtm.spring.annotation.support;

import java.lang.reflect.Method;

import io.dtm.spring.annotation.XaBranch;
import io.dtm.spring.xa.XaParticipant;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.reflect.MethodSignature;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class DtmAspectsTests {

    @Test
    void aWovenAspectThatWasNotConfiguredFailsNamingTheMode() throws Exception {
        ProceedingJoinPoint joinPoint = joinPoint("handle");
        assertThatIllegalStateException().isThrownBy(() -> new SagaMsgInitiatorAspect().globalSaga(joinPoint))
            .withMessageContaining("SagaMsgInitiatorAspect is woven into " + Handler.class.getName())
            .withMessageContaining("dtm.annotations.mode=aspectj");
    }

    @Test
    void aConfiguredAspectRunsTheInterceptorOnTheWovenExecution() throws Throwable {
        ProceedingJoinPoint joinPoint = joinPoint("handle");
        given(joinPoint.proceed()).willReturn("handled");
        XaBranchAspect aspect = new XaBranchAspect();
        @SuppressWarnings("unchecked")
        ObjectProvider<XaParticipant> participant = mock(ObjectProvider.class);
        aspect.configure(new XaBranchInterceptor(participant, null, true));
        assertThat(aspect.xaBranch(joinPoint)).isEqualTo("handled");
    }

    @Test
    void theInterceptorSeesTheWovenMethodItsTargetAndArguments() throws Throwable {
        ProceedingJoinPoint joinPoint = joinPoint("handle");
        JoinPointInvocation invocation = new JoinPointInvocation(joinPoint);
        assertThat(invocation.getMethod()).isEqualTo(Handler.class.getMethod("handle", String.class));
        assertThat(invocation.getThis()).isInstanceOf(Handler.class);
        assertThat(invocation.getArguments()).containsExactly("in");
        assertThat(AnnotatedMethods.find(invocation, XaBranch.class)).isNotNull();
    }

    private static ProceedingJoinPoint joinPoint(String methodName) throws NoSuchMethodException {
        Method method = Handler.class.getMethod(methodName, String.class);
        MethodSignature signature = mock(MethodSignature.class);
        given(signature.getMethod()).willReturn(method);
        given(signature.getDeclaringTypeName()).willReturn(Handler.class.getName());
        ProceedingJoinPoint joinPoint = mock(ProceedingJoinPoint.class);
        given(joinPoint.getSignature()).willReturn(signature);
        given(joinPoint.getTarget()).willReturn(new Handler());
        given(joinPoint.getArgs()).willReturn(new Object[] { "in" });
        return joinPoint;
    }

    static class Handler {

        @XaBranch
        public String handle(String in) {
            return in;
        }

    }

}
