package io.dtm.coordinator.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.dtm.coordinator.model.KvEntry;
import io.dtm.coordinator.model.TransBranch;
import io.dtm.coordinator.model.TransGlobal;

/**
 * Everything the engine needs from storage. Every implementation must be safe for several coordinator
 * replicas sharing one store: status changes are compare-and-set on the old status, branch writes check the
 * global status in the same store transaction, and {@link #lockOneDue} claims a row optimistically.
 */
public interface TransStore extends AutoCloseable {

    /** Inserts the global and its branches atomically; {@code false} when the gid already exists. */
    boolean insertGlobal(TransGlobal global, List<TransBranch> branches);

    Optional<TransGlobal> findGlobal(String gid);

    /** Branches of a transaction in insertion order. */
    List<TransBranch> findBranches(String gid);

    GlobalPage scanGlobals(GlobalQuery query);

    /**
     * Appends branches while the global is in {@code expectedStatus}.
     *
     * @throws StatusConflictException when the global does not exist or is in another status
     * @throws DuplicateBranchException when a (branch_id, op) already exists for the gid
     */
    void appendBranches(String gid, String expectedStatus, List<TransBranch> branches);

    /**
     * Writes a branch's status, finish time and update time while the global is in {@code expectedStatus}.
     * {@code position} is the branch's index in {@link #findBranches} order.
     *
     * @throws StatusConflictException when the global left {@code expectedStatus}
     */
    void updateBranchStatus(String gid, String expectedStatus, TransBranch branch, int position);

    /**
     * Writes several branch results while the global is in {@code expectedStatus}.
     *
     * @throws StatusConflictException when the global left {@code expectedStatus}
     */
    void updateBranchStatuses(String gid, String expectedStatus, List<BranchUpdate> updates);

    /**
     * {@link #changeGlobalStatus(TransGlobal, String)} together with the branch results that led to it, so a pass
     * needs one store transaction at its end instead of one per branch. Atomic: nothing is written when the stored
     * status is no longer {@code oldStatus}.
     */
    boolean changeGlobalStatus(TransGlobal global, String oldStatus, List<BranchUpdate> updates);

    /**
     * Compare-and-set of the global status from {@code oldStatus} to the status held by {@code global}, also
     * writing its update/finish/rollback times, rollback reason and result.
     *
     * @return {@code false} when the stored status was no longer {@code oldStatus}
     */
    boolean changeGlobalStatus(TransGlobal global, String oldStatus);

    /** Sets next_cron_time/next_cron_interval if the stored status still equals {@code global}'s. */
    void touchCronTime(TransGlobal global, long nextCronInterval, Instant nextCronTime, Instant now);

    /**
     * Claims one unfinished transaction whose next_cron_time is before {@code now}: pushes its next_cron_time to
     * {@code nextCronTime} and sets a new owner, optimistically, so that only one replica wins it.
     */
    Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner);

    /** Makes unfinished transactions due whose next_cron_time is after {@code after}, at most {@code limit}. */
    ResetCronResult resetCronTime(Instant after, int limit, Instant now);

    /** @return {@code false} when the gid is unknown */
    boolean resetNextCronTime(String gid, Instant now);

    List<KvEntry> findKv(String cat, String key);

    KvPage scanKv(String cat, String position, int limit);

    /** @return {@code false} when (cat, k) already exists */
    boolean createKv(KvEntry entry);

    /** Writes {@code entry} (whose version is already incremented) if the stored version is one less. */
    boolean updateKv(KvEntry entry);

    boolean deleteKv(String cat, String key);

    /** A branch whose status, finish time and update time are to be written; position as in {@link #findBranches}. */
    record BranchUpdate(TransBranch branch, int position) {
    }

    record ResetCronResult(boolean hasRemaining, int succeedCount) {
    }

    record GlobalQuery(String position, int limit, String status, String transType, Instant createTimeStart,
            Instant createTimeEnd) {
    }

    record GlobalPage(List<TransGlobal> transactions, String nextPosition) {
    }

    record KvPage(List<KvEntry> kv, String nextPosition) {
    }

    /** Releases connections the store owns. */
    @Override
    default void close() {
    }
}
