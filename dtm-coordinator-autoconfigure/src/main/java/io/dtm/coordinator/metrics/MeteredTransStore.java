package io.dtm.coordinator.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.dtm.coordinator.store.TransStore;
import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import org.jspecify.annotations.Nullable;

/**
 * Times every store operation, tagged by operation and outcome ({@code success}, or
 * {@code error} when it threw), and tells {@link TransactionMeters} of status changes the
 * store accepted.
 */
public class MeteredTransStore implements TransStore {

    static final String DURATION = "dtm.store.operation";

    private final TransStore delegate;

    private final MeterRegistry registry;

    /** The timer of each operation, by outcome, looked up in the registry once. */
    private final Map<String, Timer> successes = new ConcurrentHashMap<>();

    private final Map<String, Timer> errors = new ConcurrentHashMap<>();

    private final TransactionMeters transactions;

    public MeteredTransStore(TransStore delegate, MeterRegistry registry, TransactionMeters transactions) {
        this.delegate = delegate;
        this.registry = registry;
        this.transactions = transactions;
    }

    public TransStore delegate() {
        return delegate;
    }

    @Override
    public boolean insertGlobal(TransGlobal global, List<TransBranch> branches) {
        return timed("insertGlobal", () -> delegate.insertGlobal(global, branches));
    }

    @Override
    public Optional<TransGlobal> findGlobal(String gid) {
        return timed("findGlobal", () -> delegate.findGlobal(gid));
    }

    @Override
    public List<TransBranch> findBranches(String gid) {
        return timed("findBranches", () -> delegate.findBranches(gid));
    }

    @Override
    public List<TransBranch> findBranches(String gid, int offset, int limit) {
        return timed("findBranches", () -> delegate.findBranches(gid, offset, limit));
    }

    @Override
    public BranchTotals branchTotals(String gid) {
        return timed("branchTotals", () -> delegate.branchTotals(gid));
    }

    @Override
    public GlobalPage scanGlobals(GlobalQuery query) {
        return timed("scanGlobals", () -> delegate.scanGlobals(query));
    }

    @Override
    public void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches) {
        run("appendBranches", () -> delegate.appendBranches(gid, expectedStatus, expectedTransType, branches));
    }

    @Override
    public void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches, BranchBound bound) {
        run("appendBranches", () -> delegate.appendBranches(gid, expectedStatus, expectedTransType, branches, bound));
    }

    @Override
    public void updateBranchStatuses(String gid, String expectedStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates) {
        run("updateBranchStatuses", () -> delegate.updateBranchStatuses(gid, expectedStatus, expectedOwner, updates));
    }

    @Override
    public boolean changeGlobalStatus(TransGlobal global, String oldStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates) {
        boolean changed = timed("changeGlobalStatus",
                () -> delegate.changeGlobalStatus(global, oldStatus, expectedOwner, updates));
        if (changed) {
            transactions.statusChanged(oldStatus, global);
        }
        return changed;
    }

    @Override
    public Optional<List<TransBranch>> changeGlobalStatusThenFindBranches(TransGlobal global, String oldStatus,
            @Nullable String expectedOwner) {
        Optional<List<TransBranch>> branches = timed("changeGlobalStatus",
                () -> delegate.changeGlobalStatusThenFindBranches(global, oldStatus, expectedOwner));
        if (branches.isPresent()) {
            transactions.statusChanged(oldStatus, global);
        }
        return branches;
    }

    @Override
    public boolean touchCronTime(TransGlobal global, @Nullable String expectedOwner, Instant now) {
        return timed("touchCronTime", () -> delegate.touchCronTime(global, expectedOwner, now));
    }

    @Override
    public Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner) {
        return timed("lockOneDue", () -> delegate.lockOneDue(now, nextCronTime, owner));
    }

    @Override
    public List<UnfinishedCount> countUnfinished() {
        return timed("countUnfinished", delegate::countUnfinished);
    }

    @Override
    public ResetCronResult resetCronTime(Instant after, int limit, Instant now) {
        return timed("resetCronTime", () -> delegate.resetCronTime(after, limit, now));
    }

    @Override
    public int deleteFinished(Instant finishedBefore, int limit) {
        return timed("deleteFinished", () -> delegate.deleteFinished(finishedBefore, limit));
    }

    @Override
    public List<KvEntry> findKv(String cat, @Nullable String key) {
        return timed("findKv", () -> delegate.findKv(cat, key));
    }

    @Override
    public KvPage scanKv(String cat, @Nullable String position, int limit) {
        return timed("scanKv", () -> delegate.scanKv(cat, position, limit));
    }

    @Override
    public boolean createKv(KvEntry entry) {
        return timed("createKv", () -> delegate.createKv(entry));
    }

    @Override
    public boolean updateKv(KvEntry entry) {
        return timed("updateKv", () -> delegate.updateKv(entry));
    }

    @Override
    public boolean deleteKv(String cat, String key) {
        return timed("deleteKv", () -> delegate.deleteKv(cat, key));
    }

    @Override
    public void ping() {
        run("ping", delegate::ping);
    }

    @Override
    public boolean isKvPosition(String position) {
        return delegate.isKvPosition(position);
    }

    @Override
    public void close() {
        delegate.close();
    }

    private void run(String operation, Runnable call) {
        timed(operation, () -> {
            call.run();
            return null;
        });
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            T result = call.get();
            succeeded = true;
            return result;
        }
        finally {
            timer(operation, succeeded).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(String operation, boolean succeeded) {
        String outcome = succeeded ? "success" : "error";
        return (succeeded ? successes : errors).computeIfAbsent(operation,
                op -> Timer.builder(DURATION)
                    .description("Operations of the coordinator's store")
                    .tag("operation", op)
                    .tag("outcome", outcome)
                    .register(registry));
    }

}
