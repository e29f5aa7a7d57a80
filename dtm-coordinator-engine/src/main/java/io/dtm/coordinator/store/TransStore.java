package io.dtm.coordinator.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import org.jspecify.annotations.Nullable;

/**
 * Everything the engine needs from storage. Every implementation must be safe for several
 * coordinator replicas sharing one store: status changes are compare-and-set on the old
 * status, branch writes check the global status in the same store transaction, and
 * {@link #lockOneDue} claims a row optimistically.
 */
public interface TransStore extends AutoCloseable {

    /**
     * Inserts the global and its branches atomically; {@code false} when the gid already
     * exists.
     */
    boolean insertGlobal(TransGlobal global, List<TransBranch> branches);

    Optional<TransGlobal> findGlobal(String gid);

    /** Branches of a transaction in insertion order. */
    List<TransBranch> findBranches(String gid);

    /**
     * At most {@code limit} branches of a transaction in insertion order, skipping the
     * first {@code offset}: a page of {@link #findBranches(String)}. Branches are only
     * ever appended, so the pages of one transaction never overlap.
     */
    default List<TransBranch> findBranches(String gid, int offset, int limit) {
        List<TransBranch> all = findBranches(gid);
        int from = Math.min(offset, all.size());
        return all.subList(from, (int) Math.min((long) from + limit, all.size()));
    }

    /**
     * How many branch rows a transaction has and how many data bytes they hold, without
     * reading the branches into memory where the store can count them itself.
     */
    default BranchTotals branchTotals(String gid) {
        List<TransBranch> all = findBranches(gid);
        long bytes = all.stream().mapToLong(b -> b.getBinData() == null ? 0 : b.getBinData().length).sum();
        return new BranchTotals(all.size(), bytes);
    }

    GlobalPage scanGlobals(GlobalQuery query);

    /**
     * Appends branches while the global is in {@code expectedStatus} and, when
     * {@code expectedTransType} is not null, of that transaction type: the check and the
     * insert are one atomic step.
     * @throws StatusConflictException when the global does not exist, is in another
     * status or of another type
     * @throws DuplicateBranchException when a (branch_id, op) already exists for the gid
     */
    void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches);

    /**
     * {@link #appendBranches(String, String, String, List)} that also refuses the append
     * when the transaction would then hold more rows or data bytes than {@code bound}:
     * the totals are read in the same atomic step as the status check and the insert, so
     * appends racing into one gid never exceed the bound together.
     * @throws BranchBoundException when the rows would exceed the bound
     * @throws StatusConflictException as the unbounded append
     * @throws DuplicateBranchException as the unbounded append
     */
    void appendBranches(String gid, String expectedStatus, @Nullable String expectedTransType,
            List<TransBranch> branches, BranchBound bound);

    /**
     * Writes several branch results while the global is in {@code expectedStatus} and,
     * when {@code expectedOwner} is not null, still held by that owner: the fence a
     * processing pass writes through, so that a pass whose hold was taken over by another
     * pass can no longer write.
     * @throws StatusConflictException when the global left {@code expectedStatus} or
     * {@code expectedOwner}
     */
    void updateBranchStatuses(String gid, String expectedStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates);

    /**
     * Compare-and-set of the global status from {@code oldStatus} (and
     * {@code expectedOwner} when not null) to the status held by {@code global}, together
     * with the branch results that led to it; also writes its update/finish/rollback
     * times, rollback reason, result, owner, next_cron_time, next_cron_interval and
     * ext_data. Atomic: nothing is written when the stored status or owner is no longer
     * the expected one.
     * @return {@code false} when the stored status (or owner) was no longer the expected
     * one
     */
    boolean changeGlobalStatus(TransGlobal global, String oldStatus, @Nullable String expectedOwner,
            List<BranchUpdate> updates);

    /**
     * {@link #changeGlobalStatus} without branch results, then the transaction's branches
     * read after the change, in one request where the store can. Every branch appended
     * before the change is among them and none can be appended after it (an append checks
     * the status in its atomic step), so a TCC or XA submit that takes a prepared
     * transaction over this way confirms every registered branch.
     * @return the branches in insertion order, or empty when the stored status (or owner)
     * was no longer the expected one and nothing was written
     */
    default Optional<List<TransBranch>> changeGlobalStatusThenFindBranches(TransGlobal global, String oldStatus,
            @Nullable String expectedOwner) {
        if (!changeGlobalStatus(global, oldStatus, expectedOwner, List.of())) {
            return Optional.empty();
        }
        return Optional.of(findBranches(global.getGid()));
    }

    /**
     * Writes {@code global}'s next_cron_time, next_cron_interval, owner and ext_data if
     * the stored status still equals {@code global}'s and, when {@code expectedOwner} is
     * not null, the stored owner equals it. A finished transaction is never made due
     * again.
     * @return whether the row was written
     */
    boolean touchCronTime(TransGlobal global, @Nullable String expectedOwner, Instant now);

    /**
     * Claims one unfinished transaction whose next_cron_time is before {@code now}:
     * pushes its next_cron_time to {@code nextCronTime} and sets {@code owner},
     * optimistically, so that only one replica wins it. The returned global carries the
     * new owner and next_cron_time.
     */
    Optional<TransGlobal> lockOneDue(Instant now, Instant nextCronTime, String owner);

    /**
     * Makes unfinished transactions due whose next_cron_time is after {@code after}, at
     * most {@code limit}.
     */
    ResetCronResult resetCronTime(Instant after, int limit, Instant now);

    /**
     * Deletes finished transactions, the global and its branches together, that finished
     * (their update time, the time of the final status) before {@code finishedBefore}: at
     * most {@code limit} of them, in no particular order. Safe to run on several replicas
     * at once: a transaction another replica deleted first is no error. The Redis store
     * deletes nothing here: its finished keys expire on their own
     * ({@code dtm.coordinator.store.redis.finished-data-expire}).
     * @return how many transactions were deleted; fewer than {@code limit} when no more
     * were old enough
     */
    int deleteFinished(Instant finishedBefore, int limit);

    /**
     * How many unfinished transactions there are of each status and transaction type
     * (combinations without any are left out), for the unfinished gauge: one cheap query,
     * run on an interval. The Redis store counts the {@value #MAX_UNFINISHED_COUNTED}
     * most overdue and reports the rest as status and type {@code unknown}.
     */
    List<UnfinishedCount> countUnfinished();

    /** The most unfinished transactions a store that counts one by one looks at. */
    int MAX_UNFINISHED_COUNTED = 10_000;

    List<KvEntry> findKv(String cat, @Nullable String key);

    KvPage scanKv(String cat, @Nullable String position, int limit);

    /**
     * @return {@code false} when (cat, k) already exists
     */
    boolean createKv(KvEntry entry);

    /**
     * Writes {@code entry} (whose version is already incremented) if the stored version
     * is one less.
     */
    boolean updateKv(KvEntry entry);

    boolean deleteKv(String cat, String key);

    /** One cheap round trip to the store; throws when the store cannot be reached. */
    void ping();

    /**
     * A branch whose status, finish time and update time are to be written; position as
     * in {@link #findBranches}.
     */
    record BranchUpdate(TransBranch branch, int position) {
    }

    /**
     * @param count branch rows of a transaction
     * @param dataBytes the sum of their {@code bin_data} lengths
     */
    record BranchTotals(long count, long dataBytes) {
    }

    /**
     * @param maxCount most branch rows of a transaction
     * @param maxDataBytes most {@code bin_data} bytes of a transaction, over all its rows
     */
    record BranchBound(long maxCount, long maxDataBytes) {
    }

    record ResetCronResult(boolean hasRemaining, int succeedCount) {
    }

    record UnfinishedCount(String status, String transType, long count) {
    }

    /**
     * Filters of {@link #scanGlobals}, each ignored when null or empty. {@code gidPrefix}
     * matches gids that start with it, every character literally ({@code %} and {@code _}
     * included), with the comparison rules of the store's gid column (on MySQL/MariaDB
     * that column's collation, case-insensitive by default).
     */
    record GlobalQuery(@Nullable String position, int limit, @Nullable String status, @Nullable String transType,
            @Nullable Instant createTimeStart, @Nullable Instant createTimeEnd, @Nullable String gidPrefix) {

        public GlobalQuery(@Nullable String position, int limit, @Nullable String status, @Nullable String transType,
                @Nullable Instant createTimeStart, @Nullable Instant createTimeEnd) {
            this(position, limit, status, transType, createTimeStart, createTimeEnd, null);
        }
    }

    record GlobalPage(List<TransGlobal> transactions, String nextPosition) {
    }

    record KvPage(List<KvEntry> kv, String nextPosition) {
    }

    /**
     * Whether {@code position} can be a {@link KvPage#nextPosition()} of this store: a
     * row id here, a key in stores that page by key.
     */
    default boolean isKvPosition(String position) {
        return position.length() <= 18 && position.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Releases connections the store owns. */
    @Override
    default void close() {
    }

}
