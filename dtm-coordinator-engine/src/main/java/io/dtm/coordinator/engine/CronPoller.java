package io.dtm.coordinator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.dtm.coordinator.engine.run.EngineContext;
import io.dtm.coordinator.engine.run.Lease;
import io.dtm.coordinator.engine.run.TransRun;
import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.TransGlobal;

/**
 * The recovery loop: claims due transactions one at a time with an optimistic owner
 * update and processes up to {@code concurrency} of them at once; when none is due it
 * sleeps about the cron interval. Every replica runs one; no leader.
 * <p>
 * Processing claimed transactions side by side is as safe as several replicas polling one
 * store: a claim is a compare-and-set of the transaction's owner that holds it for a
 * whole pass, so two workers of this poller never hold the same transaction, and each
 * pass's writes are fenced by its own hold (see {@link TransRun}).
 * <p>
 * Nothing a claim or a pass throws ends the loop, {@link Error}s included: a failed claim
 * is logged and retried after the cron interval, and a transaction whose pass fails is
 * backed off ({@link TransProcessor#backOff}) so it cannot take every turn. Only a stop
 * or an interrupt ends it; an interrupt that was not a stop is reported to the listeners
 * ({@link CronPollListener#loopDied}) and by {@link #isLoopAlive()}, which the liveness
 * check reads.
 */
public class CronPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CronPoller.class);

    /**
     * The longest {@link #stop()} waits for the loop and the passes in flight: a pass cut
     * short leaves its transaction held until its hold ends, then another pass finishes
     * it.
     */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final TransStore store;

    private final TransProcessor processor;

    private final EngineContext ctx;

    private final boolean enabled;

    private final int concurrency;

    private final Semaphore slots;

    private final List<CronPollListener> listeners = new CopyOnWriteArrayList<>();

    private volatile Thread thread;

    private volatile ExecutorService workers;

    /** Claims that failed in a row, and the last failure: touched by the loop only. */
    private long failedClaims;

    private String lastClaimError;

    public CronPoller(TransStore store, TransProcessor processor, boolean enabled, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        this.store = store;
        this.processor = processor;
        this.ctx = processor.context();
        this.enabled = enabled;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
    }

    /** Adds a listener told about every claim attempt and poller pass from now on. */
    public void addListener(CronPollListener listener) {
        listeners.add(listener);
    }

    /** The idle sleep between claim attempts when nothing is due. */
    public Duration cronInterval() {
        return ctx.settings().cronInterval();
    }

    /**
     * The longest one pass can take: the hold of a transaction with the longest request
     * timeout. Waiting for a free worker takes no longer than that.
     */
    public Duration longestPass() {
        return TransRun.maxHold(ctx.settings());
    }

    /**
     * Claims and processes one due transaction on the calling thread; returns its gid, or
     * empty when none was due. The claim holds the transaction for a whole pass (its
     * next_cron_time moves to the hold's end), so no other poller or request starts a
     * pass on it meanwhile; the pass extends the hold first if the transaction's request
     * timeout needs it. A pass that fails does not throw: the transaction is backed off.
     * A claim that fails throws.
     */
    public Optional<String> runOnce() {
        Optional<TransGlobal> claimed = claimOne();
        claimed.ifPresent(this::process);
        return claimed.map(TransGlobal::getGid);
    }

    private Optional<TransGlobal> claimOne() {
        tell(CronPollListener::claiming);
        Instant now = ctx.clock().instant();
        Lease lease = Lease.take(now, TransRun.defaultHold(ctx.settings()));
        Optional<TransGlobal> claimed;
        try {
            claimed = store.lockOneDue(now, lease.until(), lease.owner());
        }
        catch (RuntimeException | Error ex) {
            tell(listener -> listener.claimFailed(ex));
            throw ex;
        }
        claimed.ifPresent(g -> log.debug("poller claimed gid={} status={}", LogSafe.escape(g.getGid()), g.getStatus()));
        tell(listener -> listener.polled(claimed.isPresent()));
        return claimed;
    }

    /**
     * One pass over a claimed transaction; throws nothing. A transaction whose branches
     * cannot even be read (the store failed, or there are too many to hold) is backed off
     * like one whose pass failed.
     */
    private void process(TransGlobal g) {
        long started = System.nanoTime();
        boolean completed = false;
        try {
            completed = processor.processQuietly(g, store.findBranches(g.getGid()));
        }
        catch (Throwable ex) {
            processor.backOff(g, ex);
        }
        finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            tell(listener -> listener.passEnded(took));
            if (!completed) {
                tell(CronPollListener::passFailed);
            }
        }
    }

    private void tell(Consumer<CronPollListener> event) {
        for (CronPollListener listener : listeners) {
            try {
                event.accept(listener);
            }
            catch (Throwable ex) {
                logQuietly(() -> log.warn("a poller listener failed: {}", LogSafe.reply(String.valueOf(ex))));
            }
        }
    }

    /**
     * Waits for a free slot, claims one transaction and hands it to a worker; false when
     * none was due.
     */
    private boolean dispatchOne(ExecutorService pool) throws InterruptedException {
        slots.acquire();
        boolean handedOver = false;
        try {
            Optional<TransGlobal> claimed = claimOne();
            if (claimed.isEmpty()) {
                return false;
            }
            TransGlobal g = claimed.get();
            pool.execute(() -> {
                try {
                    process(g);
                }
                catch (Throwable ex) {
                    // process contains what a pass throws; this guards the worker against
                    // its own bookkeeping failing (out of memory while logging, ...)
                    logQuietly(() -> log.error("recovery pass of gid={} failed: {}", LogSafe.escape(g.getGid()),
                            LogSafe.reply(String.valueOf(ex))));
                }
                finally {
                    slots.release();
                }
            });
            handedOver = true;
            return true;
        }
        finally {
            if (!handedOver) {
                slots.release();
            }
        }
    }

    private void loop(ExecutorService pool) {
        Thread self = Thread.currentThread();
        Throwable died = null;
        try {
            while (thread == self && !self.isInterrupted()) {
                try {
                    boolean claimed = dispatchOne(pool);
                    claimsWork();
                    if (!claimed) {
                        long idle = cronInterval().toMillis();
                        Thread.sleep(Math.max(100, idle - ThreadLocalRandom.current().nextLong(Math.min(1000, idle))));
                    }
                }
                catch (InterruptedException | RejectedExecutionException ex) {
                    self.interrupt();
                }
                catch (Throwable ex) {
                    // an Error too (out of memory, a linkage error in a driver): the
                    // claim is retried; a transaction it claimed is held until its hold
                    // ends, then claimed again
                    logQuietly(() -> claimFailed(ex));
                    pause(cronInterval());
                }
            }
        }
        catch (Throwable ex) {
            died = ex;
        }
        finally {
            if (thread == self) {
                Throwable cause = died;
                logQuietly(
                        () -> log.error(
                                "the recovery poller stopped although it was not asked to; this replica "
                                        + "recovers no transaction until it is restarted (liveness reports it)",
                                cause));
                tell(listener -> listener.loopDied(cause));
            }
        }
    }

    /**
     * Logs a failed claim with its stack trace when it is new, then one line each time
     * the count of failures in a row doubles.
     */
    private void claimFailed(Throwable ex) {
        failedClaims++;
        String text = LogSafe.reply(String.valueOf(ex));
        if (failedClaims == 1 || !text.equals(lastClaimError)) {
            log.error("recovery poller claim failed; retrying every {}", cronInterval(), ex);
        }
        else if (Long.bitCount(failedClaims) == 1) {
            log.error("recovery poller claims failed {} times in a row, retrying every {}: {}", failedClaims,
                    cronInterval(), text);
        }
        lastClaimError = text;
    }

    private void claimsWork() {
        if (failedClaims > 0) {
            log.info("recovery poller claims work again after {} failed attempts", failedClaims);
            failedClaims = 0;
            lastClaimError = null;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logging that may itself fail (out of memory): never lets that end the loop. */
    private static void logQuietly(Runnable logging) {
        try {
            logging.run();
        }
        catch (Throwable ignored) {
            // nothing left to report it with
        }
    }

    @Override
    public void start() {
        if (!enabled || thread != null) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread worker = new Thread(runnable, "dtm-recovery-" + count.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
        workers = pool;
        Thread loop = new Thread(() -> loop(pool), "dtm-recovery-poller");
        loop.setDaemon(true);
        thread = loop;
        loop.start();
    }

    /**
     * Stops the loop and the passes in flight, waiting at most {@link #STOP_TIMEOUT} in
     * all, however the store behaves: a thread blocked in a store call that ignores
     * interrupts is left behind (daemon threads), and its transaction is held until its
     * hold ends.
     */
    @Override
    public void stop() {
        Thread t = thread;
        ExecutorService pool = workers;
        thread = null;
        workers = null;
        if (t == null) {
            return;
        }
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        t.interrupt();
        try {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                log.warn("the recovery poller did not stop within {} (a store call that ignores interrupts?); "
                        + "left behind", STOP_TIMEOUT);
            }
            if (pool != null) {
                pool.shutdown();
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Whether the claim loop runs: started, not stopped, and its thread still alive.
     * False once the loop ended on its own ({@link CronPollListener#loopDied}).
     */
    public boolean isLoopAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

}
