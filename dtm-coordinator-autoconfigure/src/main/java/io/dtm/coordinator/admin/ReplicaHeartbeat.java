package io.dtm.coordinator.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.dtm.coordinator.engine.support.LogSafe;
import io.dtm.protocol.KvEntry;
import io.dtm.coordinator.store.TransStore;

/**
 * Writes this replica's heartbeat into the store's KV rows (category {@code replicas})
 * every interval, and deletes it on a clean shutdown, so that any replica can list the
 * live ones. A replica that died without shutting down leaves its row behind: it stops
 * counting as live after three intervals, and any running replica deletes its row once
 * the last heartbeat in it is a day old (each replica looks when it starts, then hourly).
 * <p>
 * Started after the web server (it needs the port), stopped before it.
 */
public class ReplicaHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplicaHeartbeat.class);

    /** Rows of replicas not seen for this long are removed. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    /** How often a replica looks for such rows. */
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);

    /**
     * The longest {@link #stop()} waits, for the last beat to end and for the row to be
     * deleted: a store that cannot be reached must not hold up the shutdown (a connection
     * pool waits up to its connection timeout, 30 s by default, per call).
     */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final TransStore store;

    private final Clock clock;

    private final Duration interval;

    private final Supplier<ReplicaInfo> identity;

    /**
     * Guards the beat's own state; never held while the lifecycle waits for the beat
     * thread.
     */
    private final Object beatLock = new Object();

    private volatile @Nullable ReplicaInfo self;

    private volatile @Nullable ScheduledExecutorService scheduler;

    private @Nullable KvEntry row;

    private @Nullable Instant lastCleanup;

    /**
     * Whether the last beat failed: written under {@link #beatLock}, read by
     * {@link #stop()} without it (a beat may hang in the store while holding it).
     */
    private volatile boolean failing;

    private boolean beatsScheduled = true;

    private Duration stopTimeout = STOP_TIMEOUT;

    /**
     * @param identity who this replica is, asked once at start (when the server port is
     * known)
     */
    public ReplicaHeartbeat(TransStore store, Clock clock, Duration interval, Supplier<ReplicaInfo> identity) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.admin.heartbeat-interval must be positive, got " + interval);
        }
        this.store = store;
        this.clock = clock;
        this.interval = interval;
        this.identity = identity;
    }

    /** This replica, once started. */
    public Optional<ReplicaInfo> self() {
        return Optional.ofNullable(self);
    }

    /**
     * Beats only when {@link #beat()} is called, for tests that move the clock by hand.
     */
    ReplicaHeartbeat beatingByHand() {
        beatsScheduled = false;
        return this;
    }

    /** Waits at most {@code timeout} in {@link #stop()}, for tests. */
    ReplicaHeartbeat stopTimeout(Duration timeout) {
        stopTimeout = timeout;
        return this;
    }

    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        self = identity.get();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dtm-admin-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        if (beatsScheduled) {
            scheduler.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops beating and deletes this replica's row, within {@link #STOP_TIMEOUT} whatever
     * the store does. The row is left behind when the store could not be reached by the
     * last beat, or does not answer in time: it stops counting as live after three
     * intervals, as the row of a replica that died.
     */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = scheduler;
        if (running == null) {
            return;
        }
        scheduler = null;
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        // interrupts a beat waiting for a connection
        running.shutdownNow();
        try {
            boolean beatEnded = running.awaitTermination(stopTimeout.toNanos() / 2, TimeUnit.NANOSECONDS);
            if (!beatEnded || failing) {
                log.info("Replica {} stops without deleting its heartbeat row (the store did not answer its last "
                        + "beat); the row stops counting as live after three intervals", self.id());
                return;
            }
            deleteOwnRow(deadline);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteOwnRow(long deadline) throws InterruptedException {
        String id = self.id();
        Thread deleter = new Thread(() -> {
            try {
                store.deleteKv(ReplicaInfo.KV_CATEGORY, id);
            }
            catch (RuntimeException ex) {
                log.warn("Could not delete this replica's heartbeat row {}: {}", id, LogSafe.reply(ex.toString()));
            }
        }, "dtm-admin-heartbeat-stop");
        deleter.setDaemon(true);
        deleter.start();
        deleter.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (deleter.isAlive()) {
            deleter.interrupt();
            log.warn("Gave up deleting this replica's heartbeat row {} after {}: the store does not answer; the row "
                    + "stops counting as live after three intervals", id, stopTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /**
     * One heartbeat: writes this replica's row, and now and then removes rows of replicas
     * long gone.
     */
    void beat() {
        synchronized (beatLock) {
            beatOnce(clock.instant());
        }
    }

    private void beatOnce(Instant now) {
        try {
            write(now);
            if (lastCleanup == null || !lastCleanup.plus(CLEANUP_EVERY).isAfter(now)) {
                lastCleanup = now;
                forgetLongGone(now);
            }
            if (failing) {
                failing = false;
                log.info("The heartbeat of replica {} is written again", self.id());
            }
        }
        catch (RuntimeException ex) {
            if (!failing) {
                failing = true;
                log.warn("Could not write the heartbeat of replica {} (retried every {}): {}", self.id(), interval,
                        LogSafe.reply(ex.toString()));
            }
        }
    }

    private void write(Instant now) {
        String value = self.seenAt(now).toJson();
        if (row != null) {
            KvEntry next = row.withValue(value, now);
            if (store.updateKv(next)) {
                row = next;
                return;
            }
        }
        // first beat, or the row was deleted or changed by someone else: start again from
        // what is stored
        List<KvEntry> stored = store.findKv(ReplicaInfo.KV_CATEGORY, self.id());
        if (stored.isEmpty()) {
            KvEntry created = new KvEntry(null, ReplicaInfo.KV_CATEGORY, self.id(), value, 1, now, now);
            if (store.createKv(created)) {
                row = created;
            }
            return;
        }
        KvEntry next = stored.get(0).withValue(value, now);
        row = store.updateKv(next) ? next : null;
    }

    private void forgetLongGone(Instant now) {
        for (KvEntry e : new LiveReplicas(store, clock).rows()) {
            ReplicaInfo info = ReplicaInfo.fromJson(e.v());
            Instant seen = info != null ? info.lastSeen() : e.updateTime();
            if (!e.k().equals(self.id()) && (seen == null || seen.plus(FORGET_AFTER).isBefore(now))) {
                store.deleteKv(ReplicaInfo.KV_CATEGORY, e.k());
            }
        }
    }

    @Override
    public int getPhase() {
        // after the web server has started (its port is then known), stopped before it
        return DEFAULT_PHASE;
    }

}
