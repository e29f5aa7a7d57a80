package io.dtm.spring.annotation.support;

import io.dtm.protocol.TransType;
import io.dtm.spring.annotation.NoGlobalTransactionException;
import io.dtm.spring.annotation.XaBranch;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import io.dtm.spring.xa.XaParticipant;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An {@code @XaBranch} handler called outside an XA branch.
 */
class XaBranchInterceptorTests {

    @Test
    void outsideAnyTransactionItFailsAndDoesNotRun() {
        Handler handler = new Handler();
        assertThatExceptionOfType(NoGlobalTransactionException.class).isThrownBy(proxy(handler, false)::debit)
            .withMessageStartingWith("The @XaBranch handler " + Handler.class.getName() + ".debit() was called "
                    + "outside an XA transaction")
            .withMessageContaining("self-invoked");
        assertThat(handler.ran).isZero();
    }

    @Test
    void withPlainCallsAllowedItRunsAsAPlainMethodOutsideAnyTransaction() {
        Handler handler = new Handler();
        proxy(handler, true).debit();
        assertThat(handler.ran).isOne();
    }

    @Test
    void inAnotherKindOfTransactionItFailsEvenWithPlainCallsAllowed() {
        Handler handler = new Handler();
        Handler proxy = proxy(handler, true);
        DtmTransaction saga = new DtmTransaction("gid-1", TransType.SAGA.wireName(), "01", "action", "");
        assertThatExceptionOfType(NoGlobalTransactionException.class)
            .isThrownBy(() -> DtmContextHolder.callWith(saga, () -> {
                proxy.debit();
                return null;
            }))
            .withMessageContaining("this thread is in saga transaction gid-1");
        assertThat(handler.ran).isZero();
    }

    private static Handler proxy(Handler handler, boolean plainCalls) {
        ProxyFactory factory = new ProxyFactory(handler);
        factory.setProxyTargetClass(true);
        factory.addAdvisor(new AnnotationMethodAdvisor(XaBranch.class, new XaBranchInterceptor(
                new StaticListableBeanFactory().getBeanProvider(XaParticipant.class), null, plainCalls), 0));
        return (Handler) factory.getProxy();
    }

    static class Handler {

        int ran;

        @XaBranch
        public void debit() {
            this.ran++;
        }

    }

}
