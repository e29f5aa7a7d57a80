package io.dtm.bench;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;

/**
 * The coordinator's store, with the poller's claims timed (one {@code lockOneDue} round
 * trip, split by whether a transaction was due) and the finished preloaded due
 * transactions counted, so that the time the poller takes to drain them can be told.
 */
class TimedClaims implements TransStore {

    private final TransStore delegate;

    private final Histogram claimedMicros = new ConcurrentHistogram(3);

    private final Histogram noneDueMicros = new ConcurrentHistogram(3);

    private final AtomicLong preloadedFinished = new AtomicLong();

    private final AtomicLong lastFinishedNanos = new AtomicLong();

    private volatile String preloadedPrefix = "\u0000";

    TimedClaims(TransStore delegate) {
        this.delegate = delegate;
    }

    /** Starts counting finished transactions whose gid starts with {@code prefix}. */
    void countFinished(String prefix) {
        preloadedFinished.set(0);
        preloadedPrefix = prefix;
    }

    long preloadedFinished() {
        return preloadedFinished.get();
    }

    long lastFinishedNanos() {
        return lastFinishedNanos.get();
    }

    /** The claims that found a due transaction, since the last reset. */
    Histogram claimed() {
        return claimedMicros;
    }

    /** The claims that found none, since the last reset. */
    Histogram noneDue() {
        return noneDueMicros;
    }

    void reset() {
        claimedMicros.reset();
        noneDueMicros.reset();
    }

    @Override
    public Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner) {
        long start = System.nanoTime();
        Optional<TransGlobal> claimed = delegate.lockOneDue(now, nextCronTime, owner);
        long micros = (System.nanoTime() - start) / 1000;
        (claimed.isPresent() ? claimedMicros : noneDueMicros).recordValue(micros);
        return claimed;
    }

    @Override
    public boolean changeGlobalStatus(TransGlobal global, String oldStatus, String expectedOwner,
            List<BranchUpdate> updates) {
        boolean changed = delegate.changeGlobalStatus(global, oldStatus, expectedOwner, updates);
        if (changed && global.getStatus().isFinished() && global.getGid().startsWith(preloadedPrefix)) {
            preloadedFinished.incrementAndGet();
            lastFinishedNanos.set(System.nanoTime());
        }
        return changed;
    }

    @Override
    public boolean insertGlobal(TransGlobal global, List<TransBranch> branches) {
        return delegate.insertGlobal(global, branches);
    }

    @Override
    public Optional<TransGlobal> findGlobal(String gid) {
        return delegate.findGlobal(gid);
    }

    @Override
    public List<TransBranch> findBranches(String gid) {
        return delegate.findBranches(gid);
    }

    @Override
    public GlobalPage scanGlobals(GlobalQuery query) {
        return delegate.scanGlobals(query);
    }

    @Override
    public void appendBranches(String gid, String expectedStatus, String expectedTransType,
            List<TransBranch> branches) {
        delegate.appendBranches(gid, expectedStatus, expectedTransType, branches);
    }

    @Override
    public void appendBranches(String gid, String expectedStatus, String expectedTransType, List<TransBranch> branches,
            BranchBound bound) {
        delegate.appendBranches(gid, expectedStatus, expectedTransType, branches, bound);
    }

    @Override
    public void updateBranchStatuses(String gid, String expectedStatus, String expectedOwner,
            List<BranchUpdate> updates) {
        delegate.updateBranchStatuses(gid, expectedStatus, expectedOwner, updates);
    }

    @Override
    public Optional<List<TransBranch>> changeGlobalStatusThenFindBranches(TransGlobal global, String oldStatus,
            String expectedOwner) {
        return delegate.changeGlobalStatusThenFindBranches(global, oldStatus, expectedOwner);
    }

    @Override
    public boolean touchCronTime(TransGlobal global, String expectedOwner, Instant now) {
        return delegate.touchCronTime(global, expectedOwner, now);
    }

    @Override
    public List<UnfinishedCount> countUnfinished() {
        return delegate.countUnfinished();
    }

    @Override
    public ResetCronResult resetCronTime(Instant after, int limit, Instant now) {
        return delegate.resetCronTime(after, limit, now);
    }

    @Override
    public int deleteFinished(Instant finishedBefore, int limit) {
        return delegate.deleteFinished(finishedBefore, limit);
    }

    @Override
    public List<KvEntry> findKv(String cat, String key) {
        return delegate.findKv(cat, key);
    }

    @Override
    public KvPage scanKv(String cat, String position, int limit) {
        return delegate.scanKv(cat, position, limit);
    }

    @Override
    public boolean createKv(KvEntry entry) {
        return delegate.createKv(entry);
    }

    @Override
    public boolean updateKv(KvEntry entry) {
        return delegate.updateKv(entry);
    }

    @Override
    public boolean deleteKv(String cat, String key) {
        return delegate.deleteKv(cat, key);
    }

    @Override
    public void ping() {
        delegate.ping();
    }

    @Override
    public boolean isKvPosition(String position) {
        return delegate.isKvPosition(position);
    }

    @Override
    public void close() {
        delegate.close();
    }

}
