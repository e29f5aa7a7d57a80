package io.dtm.spring.propagation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound transaction on executor threads, through dtm's decorator or any
 * context-propagation decorator.
 */
class DtmContextTaskDecoratorTests {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    private final DtmTransaction transaction = new DtmTransaction("gid-1", "saga", "01", "action", "");

    @AfterEach
    void shutdown() {
        this.pool.shutdownNow();
        DtmContextHolder.clear();
    }

    @Test
    void theBoundTransactionIsSeenByTheTaskAndClearedAfterIt() {
        Executor decorated = decorating(new DtmContextTaskDecorator());
        String seen = DtmContextHolder.callWith(this.transaction,
                () -> CompletableFuture.supplyAsync(DtmContextTaskDecoratorTests::boundGid, decorated).join());
        assertThat(seen).isEqualTo("gid-1");
        // the same pool thread, without the context afterwards
        assertThat(CompletableFuture.supplyAsync(DtmContextTaskDecoratorTests::boundGid, this.pool).join()).isNull();
    }

    @Test
    void anApplicationsOwnContextPropagatingDecoratorCarriesItToo() {
        Executor decorated = decorating(new ContextPropagatingTaskDecorator());
        String seen = DtmContextHolder.callWith(this.transaction,
                () -> CompletableFuture.supplyAsync(DtmContextTaskDecoratorTests::boundGid, decorated).join());
        assertThat(seen).isEqualTo("gid-1");
    }

    @Test
    void nothingIsBoundWhenNothingWasBoundOnSubmit() {
        Executor decorated = decorating(new DtmContextTaskDecorator());
        assertThat(CompletableFuture.supplyAsync(DtmContextTaskDecoratorTests::boundGid, decorated).join()).isNull();
    }

    private Executor decorating(TaskDecorator decorator) {
        return (task) -> this.pool.execute(decorator.decorate(task));
    }

    private static String boundGid() {
        DtmTransaction bound = DtmContextHolder.get();
        return (bound != null) ? bound.gid() : null;
    }

}
