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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.dtm.coordinator.engine.LogSafe;
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

    private final TransStore store;

    private final Clock clock;

    private final Duration interval;

    private final Supplier<ReplicaInfo> identity;

    /**
     * Guards the beat's own state; never held while the lifecycle waits for the beat
     * thread.
     */
    private final Object beatLock = new Object();

    private volatile ReplicaInfo self;

    private volatile ScheduledExecutorService scheduler;

    private KvEntry row;

    private Instant lastCleanup;

    private boolean failing;

    private boolean beatsScheduled = true;

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

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = scheduler;
        if (running == null) {
            return;
        }
        scheduler = null;
        running.shutdownNow();
        try {
            running.awaitTermination(5, TimeUnit.SECONDS);
            store.deleteKv(ReplicaInfo.KV_CATEGORY, self.id());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException ex) {
            log.warn("Could not delete this replica's heartbeat row {}: {}", self.id(), LogSafe.reply(ex.toString()));
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
