package io.dtm.bench;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

import io.dtm.spring.annotation.GlobalSaga;
import io.dtm.spring.annotation.GlobalTcc;

/**
 * The initiator of the annotation cases, written as a user writes one: the load driver
 * calls these methods on the bean (through its proxy), so each operation costs the
 * starter's aspects, its coordinator client and the Feign clients, with the same HTTP
 * requests as the raw {@code tccN} and {@code sagaN} cases and no extra one.
 */
@Service
class AnnotatedInitiator {

    private final BenchTccClient tcc;

    private final BenchSagaClient saga;

    AnnotatedInitiator(@Lazy BenchTccClient tcc, @Lazy BenchSagaClient saga) {
        this.tcc = tcc;
        this.saga = saga;
    }

    /** Two TCC branches; the submit waits until both are confirmed. */
    @GlobalTcc(waitResult = true)
    public void tcc(int out, int in, int sqls) {
        this.tcc.transOutTry(out, sqls, Amount.THIRTY);
        this.tcc.transInTry(in, sqls, Amount.THIRTY);
    }

    /** A 2-step saga; the submit waits until both steps ran. */
    @GlobalSaga(waitResult = true)
    public void saga(int out, int in, int sqls) {
        this.saga.transOut(out, sqls, Amount.THIRTY);
        this.saga.transIn(in, sqls, Amount.THIRTY);
    }

}
