package io.dtm.test.engine;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the passes the coordinator starts in the background (after a submit or an abort)
 * and knows when none is running, so that the test can wait for them instead of sleeping.
 */
public class PassTrackingExecutor extends ThreadPoolExecutor {

    private final Object lock = new Object();

    private int running;

    public PassTrackingExecutor(int threads) {
        super(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads());
    }

    @Override
    public void execute(Runnable command) {
        synchronized (this.lock) {
            this.running++;
        }
        try {
            super.execute(() -> {
                try {
                    command.run();
                }
                finally {
                    ended();
                }
            });
        }
        catch (RejectedExecutionException ex) {
            ended();
            throw ex;
        }
    }

    /**
     * Waits until no pass is queued or running.
     * @throws IllegalStateException when passes still run after {@code timeout}
     */
    public void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this.lock) {
            while (this.running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(this.running + " coordinator pass(es) still running after "
                            + timeout.toSeconds() + "s: a branch handler does not return");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this.lock, left);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for coordinator passes", ex);
                }
            }
        }
    }

    private void ended() {
        synchronized (this.lock) {
            this.running--;
            this.lock.notifyAll();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return (runnable) -> {
            Thread thread = new Thread(runnable, "dtm-test-pass-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
