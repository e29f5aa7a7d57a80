package io.dtm.coordinator.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.dtm.coordinator.model.TransGlobal;
import io.dtm.coordinator.store.TransStore;

/**
 * The recovery loop (protocol §4.6): claims one due transaction at a time with an optimistic owner update and
 * processes it inline; when none is due it sleeps about the cron interval. Every replica runs one; no leader.
 */
public class CronPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CronPoller.class);

    private final TransStore store;
    private final TransProcessor processor;
    private final EngineContext ctx;
    private final boolean enabled;
    private volatile Thread thread;

    public CronPoller(TransStore store, TransProcessor processor, boolean enabled) {
        this.store = store;
        this.processor = processor;
        this.ctx = processor.context();
        this.enabled = enabled;
    }

    /**
     * Claims and processes one due transaction; returns its gid, or empty when none was due. The claim holds the
     * transaction for a whole pass (its next_cron_time moves to the hold's end), so no other poller or request
     * starts a pass on it meanwhile; the pass extends the hold first if the transaction's request timeout needs it.
     */
    public Optional<String> runOnce() {
        Instant now = ctx.clock().instant();
        Lease lease = Lease.take(now, TransRun.defaultHold(ctx.settings()));
        Optional<TransGlobal> claimed = store.lockOneDue(now, lease.until(), lease.owner());
        claimed.ifPresent(g -> {
            log.debug("poller claimed gid={} status={}", g.getGid(), g.getStatus());
            processor.processQuietly(g, store.findBranches(g.getGid()));
        });
        return claimed.map(TransGlobal::getGid);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (runOnce().isEmpty()) {
                    long idle = ctx.settings().cronInterval().toMillis();
                    Thread.sleep(Math.max(100, idle - ThreadLocalRandom.current().nextLong(Math.min(1000, idle))));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            catch (RuntimeException ex) {
                log.error("recovery poller pass failed; retrying after the cron interval", ex);
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
        thread = new Thread(this::loop, "dtm-recovery-poller");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
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
