package io.dtm.spring.annotation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Async;

/**
 * Calls bank-in's {@code @DtmStep} deposit from the application's task executor; each
 * returns the name of the thread it ran on.
 */
public class AsyncSteps {

    private final BankInClient bankIn;

    public AsyncSteps(BankInClient bankIn) {
        this.bankIn = bankIn;
    }

    @Async
    public CompletableFuture<String> deposit(Transfer transfer) {
        this.bankIn.deposit(transfer);
        return CompletableFuture.completedFuture(Thread.currentThread().getName());
    }

    /** Deposits once {@code go} is counted down. */
    @Async
    public CompletableFuture<String> depositWhen(CountDownLatch go, Transfer transfer) throws InterruptedException {
        if (!go.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        this.bankIn.deposit(transfer);
        return CompletableFuture.completedFuture(Thread.currentThread().getName());
    }

    /**
     * Deposits once {@code go} is counted down; nobody can join it (as the @Async void
     * methods of an application).
     */
    @Async
    public void depositLater(CountDownLatch go, Transfer transfer) throws InterruptedException {
        if (!go.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        this.bankIn.deposit(transfer);
    }

}
