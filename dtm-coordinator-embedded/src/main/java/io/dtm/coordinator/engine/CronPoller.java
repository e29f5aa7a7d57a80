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
 */
public class CronPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CronPoller.class);

    private final TransStore store;

    private final TransProcessor processor;

    private final EngineContext ctx;

    private final boolean enabled;

    private final int concurrency;

    private final Semaphore slots;

    private final List<CronPollListener> listeners = new CopyOnWriteArrayList<>();

    private volatile Thread thread;

    private volatile ExecutorService workers;

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

    /**
     * Claims and processes one due transaction on the calling thread; returns its gid, or
     * empty when none was due. The claim holds the transaction for a whole pass (its
     * next_cron_time moves to the hold's end), so no other poller or request starts a
     * pass on it meanwhile; the pass extends the hold first if the transaction's request
     * timeout needs it.
     */
    public Optional<String> runOnce() {
        Optional<TransGlobal> claimed = claimOne();
        claimed.ifPresent(this::process);
        return claimed.map(TransGlobal::getGid);
    }

    private Optional<TransGlobal> claimOne() {
        Instant now = ctx.clock().instant();
        Lease lease = Lease.take(now, TransRun.defaultHold(ctx.settings()));
        Optional<TransGlobal> claimed = store.lockOneDue(now, lease.until(), lease.owner());
        claimed.ifPresent(g -> log.debug("poller claimed gid={} status={}", LogSafe.escape(g.getGid()), g.getStatus()));
        tell(listener -> listener.polled(claimed.isPresent()));
        return claimed;
    }

    private void process(TransGlobal g) {
        long started = System.nanoTime();
        try {
            processor.processQuietly(g, store.findBranches(g.getGid()));
        }
        finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            tell(listener -> listener.passEnded(took));
        }
    }

    private void tell(Consumer<CronPollListener> event) {
        for (CronPollListener listener : listeners) {
            try {
                event.accept(listener);
            }
            catch (RuntimeException ex) {
                log.warn("a poller listener failed: {}", LogSafe.reply(ex.toString()));
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
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!dispatchOne(pool)) {
                    long idle = ctx.settings().cronInterval().toMillis();
                    Thread.sleep(Math.max(100, idle - ThreadLocalRandom.current().nextLong(Math.min(1000, idle))));
                }
            }
            catch (InterruptedException | RejectedExecutionException ex) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException ex) {
                log.error("recovery poller claim failed; retrying after the cron interval", ex);
                try {
                    Thread.sleep(ctx.settings().cronInterval().toMillis());
                }
                catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
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
        thread = new Thread(() -> loop(pool), "dtm-recovery-poller");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        ExecutorService pool = workers;
        thread = null;
        workers = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
                if (pool != null) {
                    // A pass cut short leaves its transaction held until the hold ends;
                    // another pass finishes it.
                    pool.shutdown();
                    if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                        pool.shutdownNow();
                    }
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

}
