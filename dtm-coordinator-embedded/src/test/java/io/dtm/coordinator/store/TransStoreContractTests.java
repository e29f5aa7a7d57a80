package io.dtm.coordinator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.dtm.coordinator.store.TransStore.BranchUpdate;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.coordinator.store.TransStore.KvPage;
import io.dtm.coordinator.store.TransStore.ResetCronResult;
import io.dtm.protocol.KvEntry;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransOptions;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;

/**
 * The contract every {@link TransStore} must meet; one subclass per store, each on a
 * store of its own (a fresh schema, database or key prefix per class). Tests that claim
 * or reset due transactions work in "eras" far from the present and from each other, so
 * rows written by other tests of the class are never due for them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TransStoreContractTests {

    /**
     * Lock tests go backwards from here, a month apart: every earlier row is in the
     * future for a later test.
     */
    private static final AtomicLong PAST_ERA = new AtomicLong(Instant.parse("2000-01-01T00:00:00Z").getEpochSecond());

    /** Reset tests go forwards from here, a month apart. */
    private static final AtomicLong FUTURE_ERA = new AtomicLong(Instant.parse("2200-01-01T00:00:00Z").getEpochSecond());

    private static final long MONTH = Duration.ofDays(30).toSeconds();

    private static final String PREPARED = TransStatus.PREPARED.wireName();

    private static final String SUBMITTED = TransStatus.SUBMITTED.wireName();

    private static final String ABORTING = TransStatus.ABORTING.wireName();

    private static final String SUCCEED = TransStatus.SUCCEED.wireName();

    private static final String FAILED = TransStatus.FAILED.wireName();

    protected TransStore store;

    /** A store on a clean schema (tables created) of its own. */
    protected abstract TransStore createStore() throws Exception;

    @BeforeAll
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ------------------------------------------------------------------------------------
    // insert / find

    @Test
    void insertThenFindGlobalAndBranchesInInsertionOrder() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(SUBMITTED, "saga", now, now.plusSeconds(10));
        g.getOptions().setTimeoutToFail(60);
        g.getOptions().setRetryInterval(7);
        g.setCustomData("{\"concurrent\":false}");
        g.setQueryPrepared("http://busi/query");
        g.setRollbackReason("");
        List<TransBranch> branches = new ArrayList<>();
        // branch ids out of lexical order, to catch a store that sorts instead of keeping
        // insertion order
        for (String id : List.of("03", "01", "10", "02", "09", "04", "08", "05", "07", "06", "11", "00")) {
            branches.add(branch(g.getGid(), id, "compensate", now));
            branches.add(branch(g.getGid(), id, "action", now));
        }

        assertThat(store.insertGlobal(g, branches)).isTrue();

        TransGlobal found = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(found.getId()).isNotNull();
        assertThat(found.getGid()).isEqualTo(g.getGid());
        assertThat(found.getTransType().wireName()).isEqualTo("saga");
        assertThat(found.getStatus().wireName()).isEqualTo(SUBMITTED);
        assertThat(found.getQueryPrepared()).isEqualTo("http://busi/query");
        assertThat(found.getProtocol()).isEqualTo("http");
        assertThat(found.getCustomData()).isEqualTo("{\"concurrent\":false}");
        assertThat(found.getOptions().getTimeoutToFail()).isEqualTo(60);
        assertThat(found.getOptions().getRetryInterval()).isEqualTo(7);
        assertThat(found.getNextCronInterval()).isEqualTo(10);
        assertThat(found.getCreateTime()).isEqualTo(now);
        assertThat(found.getNextCronTime()).isEqualTo(now.plusSeconds(10));
        assertThat(found.getFinishTime()).isNull();

        List<TransBranch> stored = store.findBranches(g.getGid());
        assertThat(stored).extracting(b -> b.getBranchId() + "/" + b.getOp())
            .containsExactlyElementsOf(branches.stream().map(b -> b.getBranchId() + "/" + b.getOp()).toList());
        TransBranch first = stored.get(0);
        assertThat(first.getGid()).isEqualTo(g.getGid());
        assertThat(first.getUrl()).isEqualTo("http://busi/03/compensate");
        assertThat(new String(first.getBinData(), StandardCharsets.UTF_8)).isEqualTo("{\"amount\":\"03\"}");
        assertThat(first.getStatus().wireName()).isEqualTo(PREPARED);
        assertThat(first.getCreateTime()).isEqualTo(now);
        assertThat(first.getFinishTime()).isNull();
    }

    @Test
    void branchesArePagedInInsertionOrderAndCountedWithTheirDataBytes() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(PREPARED, "tcc", now, now.plusSeconds(10));
        List<TransBranch> branches = new ArrayList<>();
        for (String id : List.of("03", "01", "10", "02", "09")) {
            branches.add(branch(g.getGid(), id, "cancel", now));
            branches.add(branch(g.getGid(), id, "confirm", now));
        }
        assertThat(store.insertGlobal(g, branches)).isTrue();
        TransBranch empty = branch(g.getGid(), "04", "cancel", now);
        empty.setBinData(new byte[0]);
        store.appendBranches(g.getGid(), PREPARED, null, List.of(empty));
        List<String> all = store.findBranches(g.getGid()).stream().map(b -> b.getBranchId() + "/" + b.getOp()).toList();
        assertThat(all).hasSize(11);

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 4) {
            List<TransBranch> page = store.findBranches(g.getGid(), offset, 4);
            assertThat(page).hasSize(Math.min(4, 11 - offset));
            page.forEach(b -> paged.add(b.getBranchId() + "/" + b.getOp()));
        }
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(store.findBranches(g.getGid(), 11, 4)).isEmpty();
        assertThat(store.findBranches(g.getGid(), 2, 1).get(0).getBinData())
            .isEqualTo("{\"amount\":\"01\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(store.findBranches("no-such-gid-" + g.getGid(), 0, 10)).isEmpty();

        long dataBytes = branches.stream().mapToLong(b -> b.getBinData().length).sum();
        assertThat(store.branchTotals(g.getGid())).isEqualTo(new TransStore.BranchTotals(11, dataBytes));
        assertThat(store.branchTotals("no-such-gid-" + g.getGid())).isEqualTo(new TransStore.BranchTotals(0, 0));
    }

    @Test
    void insertWithDuplicateGidReturnsFalseAndChangesNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(PREPARED, "tcc", now, now.plusSeconds(10));
        assertThat(store.insertGlobal(g, List.of(branch(g.getGid(), "01", "cancel", now)))).isTrue();

        TransGlobal again = global(SUBMITTED, "saga", now, now.plusSeconds(10));
        again.setGid(g.getGid());
        assertThat(store.insertGlobal(again, List.of(branch(g.getGid(), "02", "action", now)))).isFalse();

        assertThat(store.findGlobal(g.getGid()).orElseThrow().getStatus().wireName()).isEqualTo(PREPARED);
        assertThat(store.findBranches(g.getGid())).extracting(TransBranch::getBranchId).containsExactly("01");
    }

    @Test
    void pingIsARoundTripThatAnswers() {
        assertThatCode(store::ping).doesNotThrowAnyException();
    }

    @Test
    void unknownGidIsNotFound() {
        assertThat(store.findGlobal(gid())).isEmpty();
        assertThat(store.findBranches(gid())).isEmpty();
    }

    @Test
    void globalWithoutBranches() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(PREPARED, "workflow", now, now.plusSeconds(10));
        assertThat(store.insertGlobal(g, List.of())).isTrue();
        assertThat(store.findGlobal(g.getGid())).isPresent();
        assertThat(store.findBranches(g.getGid())).isEmpty();
        assertThat(store.insertGlobal(g, List.of())).isFalse();
    }

    // ------------------------------------------------------------------------------------
    // branch writes

    @Test
    void appendBranchesWhileInExpectedStatusKeepsOrder() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        store.appendBranches(g.getGid(), PREPARED, null,
                List.of(branch(g.getGid(), "02", "cancel", now), branch(g.getGid(), "02", "confirm", now)));
        store.appendBranches(g.getGid(), PREPARED, null,
                List.of(branch(g.getGid(), "01", "cancel", now), branch(g.getGid(), "01", "confirm", now)));

        assertThat(store.findBranches(g.getGid())).extracting(b -> b.getBranchId() + "/" + b.getOp())
            .containsExactly("02/cancel", "02/confirm", "01/cancel", "01/confirm");
    }

    @Test
    void appendBranchesInAnotherStatusThrowsStatusConflictAndAddsNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(SUBMITTED, "tcc", now, now.plusSeconds(10));

        assertThatThrownBy(() -> store.appendBranches(g.getGid(), PREPARED, null,
                List.of(branch(g.getGid(), "01", "cancel", now))))
            .isInstanceOf(StatusConflictException.class);
        assertThat(store.findBranches(g.getGid())).isEmpty();

        assertThatThrownBy(
                () -> store.appendBranches(gid(), PREPARED, null, List.of(branch("nope", "01", "cancel", now))))
            .isInstanceOf(StatusConflictException.class);
    }

    @Test
    void appendBranchesToATransactionOfAnotherTypeThrowsStatusConflictAndAddsNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "xa", now, now.plusSeconds(10));

        assertThatThrownBy(() -> store.appendBranches(g.getGid(), PREPARED, "tcc",
                List.of(branch(g.getGid(), "01", "cancel", now), branch(g.getGid(), "01", "confirm", now))))
            .isInstanceOf(StatusConflictException.class);
        assertThat(store.findBranches(g.getGid())).isEmpty();

        store.appendBranches(g.getGid(), PREPARED, "xa", List.of(branch(g.getGid(), "01", "rollback", now)));
        assertThat(store.findBranches(g.getGid())).extracting(TransBranch::getOp).containsExactly("rollback");
    }

    @Test
    void appendDuplicateBranchThrowsDuplicateBranchAndAddsNoneOfTheBatch() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        store.appendBranches(g.getGid(), PREPARED, null,
                List.of(branch(g.getGid(), "01", "cancel", now), branch(g.getGid(), "01", "confirm", now)));

        // the duplicate is the second row of the batch: the first must not be kept either
        assertThatThrownBy(() -> store.appendBranches(g.getGid(), PREPARED, null,
                List.of(branch(g.getGid(), "02", "cancel", now), branch(g.getGid(), "01", "confirm", now))))
            .isInstanceOf(DuplicateBranchException.class);

        assertThat(store.findBranches(g.getGid())).extracting(b -> b.getBranchId() + "/" + b.getOp())
            .containsExactly("01/cancel", "01/confirm");
        // the store is still usable for the same gid afterwards (no transaction left
        // aborted)
        store.appendBranches(g.getGid(), PREPARED, null, List.of(branch(g.getGid(), "02", "cancel", now)));
        assertThat(store.findBranches(g.getGid())).hasSize(3);
    }

    // ------------------------------------------------------------------------------------
    // bounded appends (dtm.coordinator.limits.max-branches, max-transaction-size)

    /** 15 bytes of data per row, see {@link #branch}. */
    private static final long ROW_BYTES = 15;

    @Test
    void boundedAppendRefusesRowsBeyondTheBoundAndAddsNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        TransStore.BranchBound bound = new TransStore.BranchBound(4, 1_000_000);
        store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "01", now), bound);
        store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "02", now), bound);

        assertThatThrownBy(() -> store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "03", now), bound))
            .isInstanceOfSatisfying(BranchBoundException.class,
                    ex -> assertThat(ex.stored()).isEqualTo(new TransStore.BranchTotals(4, 4 * ROW_BYTES)));
        assertThat(store.findBranches(g.getGid())).extracting(TransBranch::getBranchId)
            .containsExactly("01", "01", "02", "02");
    }

    @Test
    void boundedAppendCountsTheDataBytesOfStoredAndNewRows() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        TransStore.BranchBound bound = new TransStore.BranchBound(100, 3 * ROW_BYTES);
        store.appendBranches(g.getGid(), PREPARED, null, pair(g.getGid(), "01", now), bound);

        assertThatThrownBy(() -> store.appendBranches(g.getGid(), PREPARED, null, pair(g.getGid(), "02", now), bound))
            .isInstanceOfSatisfying(BranchBoundException.class,
                    ex -> assertThat(ex.stored()).isEqualTo(new TransStore.BranchTotals(2, 2 * ROW_BYTES)));
        store.appendBranches(g.getGid(), PREPARED, null, List.of(branch(g.getGid(), "02", "cancel", now)), bound);
        assertThat(store.branchTotals(g.getGid())).isEqualTo(new TransStore.BranchTotals(3, 3 * ROW_BYTES));
    }

    @Test
    void boundedAppendInAnotherStatusOrTypeIsAStatusConflict() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal submitted = insert(SUBMITTED, "tcc", now, now.plusSeconds(10));
        TransGlobal xa = insert(PREPARED, "xa", now, now.plusSeconds(10));
        TransStore.BranchBound bound = new TransStore.BranchBound(100, 1_000_000);

        assertThatThrownBy(() -> store.appendBranches(submitted.getGid(), PREPARED, "tcc",
                pair(submitted.getGid(), "01", now), bound))
            .isInstanceOf(StatusConflictException.class);
        assertThatThrownBy(
                () -> store.appendBranches(xa.getGid(), PREPARED, "tcc", pair(xa.getGid(), "01", now), bound))
            .isInstanceOf(StatusConflictException.class);
        assertThatThrownBy(() -> store.appendBranches(gid(), PREPARED, "tcc", pair("nope", "01", now), bound))
            .isInstanceOf(StatusConflictException.class);
        assertThat(store.findBranches(submitted.getGid())).isEmpty();
        assertThat(store.findBranches(xa.getGid())).isEmpty();
    }

    @Test
    void boundedAppendOfADuplicateBranchIsADuplicate() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        TransStore.BranchBound bound = new TransStore.BranchBound(100, 1_000_000);
        store.appendBranches(g.getGid(), PREPARED, null, pair(g.getGid(), "01", now), bound);

        assertThatThrownBy(() -> store.appendBranches(g.getGid(), PREPARED, null, pair(g.getGid(), "01", now), bound))
            .isInstanceOf(DuplicateBranchException.class);
        store.appendBranches(g.getGid(), PREPARED, null, pair(g.getGid(), "02", now), bound);
        assertThat(store.findBranches(g.getGid())).hasSize(4);
    }

    /**
     * The interleaving that a read of the totals before the append would lose: this
     * append starts while another one holds the global row and has inserted its rows, and
     * runs on once that one commits. It must count the other's rows.
     */
    @Test
    void boundedAppendThatWaitedForAnotherAppendCountsItsRows() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        TransStore.BranchBound bound = new TransStore.BranchBound(4, 1_000_000);
        store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "01", now), bound);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (PendingAppend other = beginPendingAppend(g.getGid(), pair(g.getGid(), "02", now))) {
            Assumptions.assumeTrue(other != null, "appends to this store run one at a time");
            Future<?> mine = pool
                .submit(() -> store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "03", now), bound));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> other.waiting() > 0);
            other.commit();
            assertThatThrownBy(() -> mine.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(BranchBoundException.class);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(store.findBranches(g.getGid())).extracting(TransBranch::getBranchId)
            .containsExactly("01", "01", "02", "02");
    }

    @Test
    void racingBoundedAppendsNeverExceedTheBound() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        TransStore.BranchBound bound = new TransStore.BranchBound(6, 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = "0" + i;
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), id, now), bound);
                        return true;
                    }
                    catch (BranchBoundException ex) {
                        return false;
                    }
                }));
            }
            start.countDown();
            long appended = 0;
            for (Future<Boolean> call : calls) {
                appended += call.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(appended).isEqualTo(3);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(store.findBranches(g.getGid())).hasSize(6);
    }

    /**
     * Another coordinator's append to this store caught between its lock of the global
     * row and its commit, or {@code null} where appends cannot interleave (a Redis script
     * runs alone).
     */
    protected PendingAppend beginPendingAppend(String gid, List<TransBranch> rows) throws Exception {
        return null;
    }

    private static List<TransBranch> pair(String gid, String branchId, Instant now) {
        return List.of(branch(gid, branchId, "cancel", now), branch(gid, branchId, "confirm", now));
    }

    @Test
    void updateBranchStatusWritesOnlyThatBranchWhileStatusHolds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(SUBMITTED, "saga", now, now.plusSeconds(10));
        store.insertGlobal(g,
                List.of(branch(g.getGid(), "01", "compensate", now), branch(g.getGid(), "01", "action", now),
                        branch(g.getGid(), "02", "compensate", now), branch(g.getGid(), "02", "action", now)));

        TransBranch action1 = store.findBranches(g.getGid()).get(1);
        Instant done = now.plusSeconds(3);
        action1.setStatus(SUCCEED);
        action1.setFinishTime(done);
        action1.setUpdateTime(done);
        store.updateBranchStatuses(g.getGid(), SUBMITTED, null, List.of(new BranchUpdate(action1, 1)));

        List<TransBranch> stored = store.findBranches(g.getGid());
        assertThat(stored).extracting((b) -> b.getStatus().wireName())
            .containsExactly(PREPARED, SUCCEED, PREPARED, PREPARED);
        assertThat(stored.get(1).getFinishTime()).isEqualTo(done);
        assertThat(stored.get(1).getUpdateTime()).isEqualTo(done);
        assertThat(stored.get(1).getUrl()).isEqualTo("http://busi/01/action");
    }

    @Test
    void updateBranchStatusAfterTheGlobalMovedOnThrowsStatusConflict() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(SUBMITTED, "saga", now, now.plusSeconds(10));
        store.insertGlobal(g,
                List.of(branch(g.getGid(), "01", "compensate", now), branch(g.getGid(), "01", "action", now)));
        TransGlobal moved = store.findGlobal(g.getGid()).orElseThrow();
        moved.setStatus(ABORTING);
        assertThat(store.changeGlobalStatus(moved, SUBMITTED, null, List.of())).isTrue();

        TransBranch action = store.findBranches(g.getGid()).get(1);
        action.setStatus(SUCCEED);
        action.setFinishTime(now);
        assertThatThrownBy(
                () -> store.updateBranchStatuses(g.getGid(), SUBMITTED, null, List.of(new BranchUpdate(action, 1))))
            .isInstanceOf(StatusConflictException.class);
        assertThat(store.findBranches(g.getGid()).get(1).getStatus().wireName()).isEqualTo(PREPARED);

        // with the current status it goes through
        store.updateBranchStatuses(g.getGid(), ABORTING, null, List.of(new BranchUpdate(action, 1)));
        assertThat(store.findBranches(g.getGid()).get(1).getStatus().wireName()).isEqualTo(SUCCEED);
    }

    @Test
    void updateBranchStatusesWritesAllOrNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(SUBMITTED, "saga", now, now.plusSeconds(10));
        store.insertGlobal(g,
                List.of(branch(g.getGid(), "01", "compensate", now), branch(g.getGid(), "01", "action", now),
                        branch(g.getGid(), "02", "compensate", now), branch(g.getGid(), "02", "action", now)));
        List<TransBranch> branches = store.findBranches(g.getGid());
        Instant done = now.plusSeconds(2);
        TransBranch a1 = finished(branches.get(1), SUCCEED, done);
        TransBranch a2 = finished(branches.get(3), FAILED, done.plusSeconds(1));

        // in another status: nothing written
        assertThatThrownBy(() -> store.updateBranchStatuses(g.getGid(), ABORTING, null,
                List.of(new TransStore.BranchUpdate(a1, 1), new TransStore.BranchUpdate(a2, 3))))
            .isInstanceOf(StatusConflictException.class);
        assertThat(store.findBranches(g.getGid())).extracting((b) -> b.getStatus().wireName()).containsOnly(PREPARED);

        store.updateBranchStatuses(g.getGid(), SUBMITTED, null,
                List.of(new TransStore.BranchUpdate(a1, 1), new TransStore.BranchUpdate(a2, 3)));
        List<TransBranch> stored = store.findBranches(g.getGid());
        assertThat(stored).extracting((b) -> b.getStatus().wireName())
            .containsExactly(PREPARED, SUCCEED, PREPARED, FAILED);
        assertThat(stored.get(1).getFinishTime()).isEqualTo(done);
        assertThat(stored.get(3).getFinishTime()).isEqualTo(done.plusSeconds(1));
        assertThat(stored.get(3).getUpdateTime()).isEqualTo(done.plusSeconds(1));
    }

    @Test
    void changeGlobalStatusWithBranchResultsIsAtomic() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(SUBMITTED, "saga", now, now.plusSeconds(10));
        store.insertGlobal(g,
                List.of(branch(g.getGid(), "01", "compensate", now), branch(g.getGid(), "01", "action", now),
                        branch(g.getGid(), "02", "compensate", now), branch(g.getGid(), "02", "action", now)));
        List<TransBranch> branches = store.findBranches(g.getGid());
        Instant done = now.plusSeconds(4);
        List<TransStore.BranchUpdate> updates = List.of(
                new TransStore.BranchUpdate(finished(branches.get(1), SUCCEED, done), 1),
                new TransStore.BranchUpdate(finished(branches.get(3), SUCCEED, done), 3));

        TransGlobal stale = store.findGlobal(g.getGid()).orElseThrow();
        stale.setStatus(SUCCEED);
        stale.setFinishTime(done);
        // a miss writes neither the status nor the branches
        assertThat(store.changeGlobalStatus(stale, ABORTING, null, updates)).isFalse();
        assertThat(store.findGlobal(g.getGid()).orElseThrow().getStatus().wireName()).isEqualTo(SUBMITTED);
        assertThat(store.findBranches(g.getGid())).extracting((b) -> b.getStatus().wireName()).containsOnly(PREPARED);

        assertThat(store.changeGlobalStatus(stale, SUBMITTED, null, updates)).isTrue();
        TransGlobal stored = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(stored.getStatus().wireName()).isEqualTo(SUCCEED);
        assertThat(stored.getFinishTime()).isEqualTo(done);
        assertThat(store.findBranches(g.getGid())).extracting((b) -> b.getStatus().wireName())
            .containsExactly(PREPARED, SUCCEED, PREPARED, SUCCEED);
        // finished: never claimed again
        assertThat(store.changeGlobalStatus(stale, SUBMITTED, null, updates)).isFalse();

        // and without branch results it is the plain compare-and-set
        TransGlobal other = insert(SUBMITTED, "saga", now, now.plusSeconds(10));
        other.setStatus(ABORTING);
        assertThat(store.changeGlobalStatus(other, SUBMITTED, null, List.of())).isTrue();
        assertThat(store.findGlobal(other.getGid()).orElseThrow().getStatus().wireName()).isEqualTo(ABORTING);
    }

    @Test
    void aSagaOfTheMostStepsIsWrittenWholeAndInOrder() {
        // 1000 steps (the API's limit), an action and a compensation each: more rows than
        // one statement carries
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = global(SUBMITTED, "saga", now, now.plusSeconds(10));
        List<TransBranch> branches = new ArrayList<>();
        for (int step = 1; step <= 1000; step++) {
            String id = String.format("%04d", step);
            branches.add(branch(g.getGid(), id, "compensate", now));
            branches.add(branch(g.getGid(), id, "action", now));
        }
        assertThat(store.insertGlobal(g, branches)).isTrue();
        List<TransBranch> stored = store.findBranches(g.getGid());
        assertThat(stored).extracting(b -> b.getBranchId() + "/" + b.getOp())
            .containsExactlyElementsOf(branches.stream().map(b -> b.getBranchId() + "/" + b.getOp()).toList());

        Instant done = now.plusSeconds(2);
        List<BranchUpdate> succeeded = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            succeeded.add(new BranchUpdate(finished(stored.get(i), SUCCEED, done), i));
        }
        assertThatThrownBy(() -> store.updateBranchStatuses(g.getGid(), ABORTING, null, succeeded))
            .isInstanceOf(StatusConflictException.class);
        assertThat(store.findBranches(g.getGid())).extracting((b) -> b.getStatus().wireName()).containsOnly(PREPARED);
        store.updateBranchStatuses(g.getGid(), SUBMITTED, null, succeeded);
        assertThat(store.findBranches(g.getGid())).hasSize(2000)
            .extracting((b) -> b.getStatus().wireName())
            .containsOnly(SUCCEED);

        Instant failed = now.plusSeconds(3);
        List<BranchUpdate> failures = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            failures.add(new BranchUpdate(finished(stored.get(i), FAILED, failed), i));
        }
        TransGlobal change = store.findGlobal(g.getGid()).orElseThrow();
        change.setStatus(FAILED);
        change.setFinishTime(failed);
        assertThat(store.changeGlobalStatus(change, ABORTING, null, failures)).isFalse();
        assertThat(store.findBranches(g.getGid())).extracting((b) -> b.getStatus().wireName()).containsOnly(SUCCEED);
        assertThat(store.changeGlobalStatus(change, SUBMITTED, null, failures)).isTrue();
        assertThat(store.findGlobal(g.getGid()).orElseThrow().getStatus().wireName()).isEqualTo(FAILED);
        assertThat(store.findBranches(g.getGid())).extracting(b -> b.getStatus() + "@" + b.getFinishTime())
            .containsOnly(FAILED + "@" + failed);
    }

    // ------------------------------------------------------------------------------------
    // global status

    @Test
    void changeGlobalStatusIsACompareAndSet() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(SUBMITTED, "saga", now, now.plusSeconds(10));
        TransGlobal first = store.findGlobal(g.getGid()).orElseThrow();
        TransGlobal second = store.findGlobal(g.getGid()).orElseThrow();

        Instant later = now.plusSeconds(5);
        first.setStatus(FAILED);
        first.setUpdateTime(later);
        first.setRollbackTime(later);
        first.setRollbackReason("step 2 said FAILURE");
        first.setResult("cmVzdWx0");
        assertThat(store.changeGlobalStatus(first, SUBMITTED, null, List.of())).isTrue();

        second.setStatus(SUCCEED);
        second.setFinishTime(later);
        assertThat(store.changeGlobalStatus(second, SUBMITTED, null, List.of())).isFalse();

        TransGlobal stored = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(stored.getStatus().wireName()).isEqualTo(FAILED);
        assertThat(stored.getRollbackTime()).isEqualTo(later);
        assertThat(stored.getUpdateTime()).isEqualTo(later);
        assertThat(stored.getFinishTime()).isNull();
        assertThat(stored.getRollbackReason()).isEqualTo("step 2 said FAILURE");
        assertThat(stored.getResult()).isEqualTo("cmVzdWx0");
    }

    @Test
    void changeGlobalStatusThenFindBranchesChangesAndReadsOrIsACompareAndSet() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "02", now));
        store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "01", now));
        TransGlobal first = store.findGlobal(g.getGid()).orElseThrow();
        TransGlobal second = store.findGlobal(g.getGid()).orElseThrow();
        first.setStatus(SUBMITTED);
        first.setOwner("first@1");
        second.setStatus(ABORTING);
        second.setOwner("second@1");

        assertThat(store.changeGlobalStatusThenFindBranches(first, PREPARED, null))
            .hasValueSatisfying(branches -> assertThat(branches).extracting(b -> b.getBranchId() + "/" + b.getOp())
                .containsExactly("02/cancel", "02/confirm", "01/cancel", "01/confirm"));
        assertThat(store.changeGlobalStatusThenFindBranches(second, PREPARED, null)).isEmpty();
        assertThat(store.changeGlobalStatusThenFindBranches(second, SUBMITTED, "someone@1")).isEmpty();

        TransGlobal stored = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(stored.getStatus().wireName()).isEqualTo(SUBMITTED);
        assertThat(stored.getOwner()).isEqualTo("first@1");
    }

    /**
     * A submit taking a prepared TCC over while a registerBranch holds the global row:
     * the change waits for it, and the branches it reads include the registered ones.
     */
    @Test
    void changeGlobalStatusThenFindBranchesThatWaitedForAnAppendReadsItsRows() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(PREPARED, "tcc", now, now.plusSeconds(10));
        store.appendBranches(g.getGid(), PREPARED, "tcc", pair(g.getGid(), "01", now));
        TransGlobal submitted = store.findGlobal(g.getGid()).orElseThrow();
        submitted.setStatus(SUBMITTED);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (PendingAppend other = beginPendingAppend(g.getGid(), pair(g.getGid(), "02", now))) {
            Assumptions.assumeTrue(other != null, "writes to this store run one at a time");
            Future<Optional<List<TransBranch>>> change = pool
                .submit(() -> store.changeGlobalStatusThenFindBranches(submitted, PREPARED, null));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> other.waiting() > 0);
            other.commit();
            assertThat(change.get(10, TimeUnit.SECONDS))
                .hasValueSatisfying(branches -> assertThat(branches).extracting(TransBranch::getBranchId)
                    .containsExactly("01", "01", "02", "02"));
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changeGlobalStatusOfUnknownGidMisses() {
        Instant now = Instant.now();
        TransGlobal g = global(SUCCEED, "saga", now, now);
        assertThat(store.changeGlobalStatus(g, SUBMITTED, null, List.of())).isFalse();
        assertThat(store.findGlobal(g.getGid())).isEmpty();
    }

    @Test
    void touchCronTimeWritesOnlyWhileTheStatusHolds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TransGlobal g = insert(SUBMITTED, "saga", now, now.plusSeconds(10));
        TransGlobal loaded = store.findGlobal(g.getGid()).orElseThrow();

        loaded.setNextCronInterval(40);
        loaded.setNextCronTime(now.plusSeconds(40));
        assertThat(store.touchCronTime(loaded, null, now.plusSeconds(1))).isTrue();
        TransGlobal touched = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(touched.getNextCronInterval()).isEqualTo(40);
        assertThat(touched.getNextCronTime()).isEqualTo(now.plusSeconds(40));

        TransGlobal stale = store.findGlobal(g.getGid()).orElseThrow();
        stale.setStatus(ABORTING);
        stale.setNextCronInterval(80);
        stale.setNextCronTime(now.plusSeconds(80));
        assertThat(store.touchCronTime(stale, null, now.plusSeconds(2))).isFalse();
        TransGlobal unchanged = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(unchanged.getNextCronInterval()).isEqualTo(40);
        assertThat(unchanged.getNextCronTime()).isEqualTo(now.plusSeconds(40));
        assertThat(unchanged.getStatus().wireName()).isEqualTo(SUBMITTED);
    }

    // ------------------------------------------------------------------------------------
    // owner fence

    @Test
    void aClaimSetsTheOwnerThatLaterWritesAreFencedBy() {
        Instant era = pastEra();
        TransGlobal g = global(SUBMITTED, "saga", era.minusSeconds(60), era.minusSeconds(1));
        assertThat(store.insertGlobal(g,
                List.of(branch(g.getGid(), "01", "compensate", era), branch(g.getGid(), "01", "action", era))))
            .isTrue();
        TransGlobal first = store.lockOneDue(era, era.plusSeconds(30), "first@1").orElseThrow();
        assertThat(first.getOwner()).isEqualTo("first@1");
        assertThat(store.findGlobal(g.getGid()).orElseThrow().getOwner()).isEqualTo("first@1");

        // a second holder takes it over (its hold ended), as a later claim would
        TransGlobal second = store.findGlobal(g.getGid()).orElseThrow();
        second.setOwner("second@2");
        second.setNextCronTime(era.plusSeconds(60));
        assertThat(store.touchCronTime(second, "first@1", era)).isTrue();

        TransBranch action = store.findBranches(g.getGid()).get(1);
        action.setStatus(SUCCEED);
        List<BranchUpdate> result = List.of(new BranchUpdate(action, 1));
        assertThatThrownBy(() -> store.updateBranchStatuses(g.getGid(), SUBMITTED, "first@1", result))
            .isInstanceOf(StatusConflictException.class);
        first.setStatus(ABORTING);
        assertThat(store.changeGlobalStatus(first, SUBMITTED, "first@1", result)).isFalse();
        assertThat(store.changeGlobalStatus(first, SUBMITTED, "first@1", List.of())).isFalse();
        first.setNextCronTime(era);
        assertThat(store.touchCronTime(first, "first@1", era)).isFalse();
        TransGlobal kept = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(kept.getStatus().wireName()).isEqualTo(SUBMITTED);
        assertThat(kept.getOwner()).isEqualTo("second@2");
        assertThat(store.findBranches(g.getGid()).get(1).getStatus().wireName()).isEqualTo(PREPARED);

        store.updateBranchStatuses(g.getGid(), SUBMITTED, "second@2", result);
        assertThat(store.findBranches(g.getGid()).get(1).getStatus().wireName()).isEqualTo(SUCCEED);
        second.setStatus(ABORTING);
        second.setOwner("second@3");
        second.setExtData("{\"last_error\":\"x\"}");
        assertThat(store.changeGlobalStatus(second, SUBMITTED, "second@2", List.of())).isTrue();
        TransGlobal changed = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(changed.getStatus().wireName()).isEqualTo(ABORTING);
        assertThat(changed.getOwner()).isEqualTo("second@3");
        assertThat(changed.getNextCronTime()).isEqualTo(era.plusSeconds(60));
        assertThat(changed.getExtData()).contains("last_error");
    }

    @Test
    void aStatusChangeWithoutAnOwnerTakesTheTransactionOver() {
        Instant era = pastEra();
        TransGlobal g = insert(PREPARED, "tcc", era.minusSeconds(60), era.plusSeconds(600));
        TransGlobal submit = store.findGlobal(g.getGid()).orElseThrow();
        submit.setStatus(SUBMITTED);
        submit.setOwner("submit@5");
        submit.setNextCronTime(era.minusSeconds(5));
        assertThat(store.changeGlobalStatus(submit, PREPARED, null, List.of())).isTrue();
        TransGlobal changed = store.findGlobal(g.getGid()).orElseThrow();
        assertThat(changed.getOwner()).isEqualTo("submit@5");
        assertThat(changed.getNextCronTime()).isEqualTo(era.minusSeconds(5));
        assertThat(store.lockOneDue(era, era.plusSeconds(30), "poller@6")).map(TransGlobal::getGid)
            .contains(g.getGid());
    }

    // ------------------------------------------------------------------------------------
    // recovery poller

    @Test
    void lockOneDuePicksOnlyDueUnfinishedTransactions() {
        Instant era = pastEra();
        TransGlobal due = insert(SUBMITTED, "saga", era.minusSeconds(600), era.minusSeconds(60));
        insert(SUBMITTED, "saga", era.minusSeconds(600), era.plusSeconds(60)); // not due
        TransGlobal finished = insert(SUBMITTED, "saga", era.minusSeconds(600), era.minusSeconds(120));
        finished.setStatus(SUCCEED);
        finished.setFinishTime(era.minusSeconds(100));
        assertThat(store.changeGlobalStatus(finished, SUBMITTED, null, List.of())).isTrue();
        TransGlobal failed = insert(ABORTING, "saga", era.minusSeconds(600), era.minusSeconds(120));
        failed.setStatus(FAILED);
        assertThat(store.changeGlobalStatus(failed, ABORTING, null, List.of())).isTrue();

        Instant pushed = era.plusSeconds(10);
        TransGlobal claimed = store.lockOneDue(era, pushed, "owner-1").orElseThrow();
        assertThat(claimed.getGid()).isEqualTo(due.getGid());
        assertThat(claimed.getOwner()).isEqualTo("owner-1");
        assertThat(claimed.getNextCronTime()).isEqualTo(pushed);
        assertThat(claimed.getStatus().wireName()).isEqualTo(SUBMITTED);
        assertThat(store.findGlobal(due.getGid()).orElseThrow().getNextCronTime()).isEqualTo(pushed);

        // the claimed one is pushed out, the rest is not due or finished
        assertThat(store.lockOneDue(era, pushed, "owner-2")).isEmpty();
        // once its new time has passed it is due again
        assertThat(store.lockOneDue(pushed.plusSeconds(1), pushed.plusSeconds(30), "owner-3")).map(TransGlobal::getGid)
            .contains(due.getGid());
    }

    @Test
    void lockOneDueTakesTheMostOverdueOfEveryUnfinishedStatusAndNoFinishedOne() {
        Instant era = pastEra();
        List<String> unfinished = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            unfinished.add(insert(SUBMITTED, "saga", era.minusSeconds(600), era.minusSeconds(100 - i)).getGid());
        }
        TransGlobal prepared = insert(PREPARED, "tcc", era.minusSeconds(600), era.minusSeconds(300));
        TransGlobal aborting = insert(ABORTING, "saga", era.minusSeconds(600), era.minusSeconds(200));
        for (int i = 0; i < 12; i++) {
            TransGlobal finished = insert(SUBMITTED, "saga", era.minusSeconds(900), era.minusSeconds(800 + i));
            finished.setStatus(SUCCEED);
            finished.setFinishTime(era.minusSeconds(800));
            assertThat(store.changeGlobalStatus(finished, SUBMITTED, null, List.of())).isTrue();
        }
        List<String> claimed = new ArrayList<>();
        Instant pushed = era.plusSeconds(60);
        // only the prepared and the aborting one are due 150 s before the era
        for (int i = 0; i < 3; i++) {
            store.lockOneDue(era.minusSeconds(150), pushed, "o").ifPresent(g -> claimed.add(g.getGid()));
        }
        assertThat(claimed).containsExactlyInAnyOrder(prepared.getGid(), aborting.getGid());
        claimed.clear();
        for (int i = 0; i < 13; i++) {
            store.lockOneDue(era, pushed, "o").ifPresent(g -> claimed.add(g.getGid()));
        }
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(unfinished);
    }

    // ------------------------------------------------------------------------------------
    // retention

    /**
     * Whether {@link TransStore#deleteFinished} deletes; the Redis store lets finished
     * keys expire instead.
     */
    protected boolean deletesFinished() {
        return true;
    }

    @Test
    void deleteFinishedDeletesOnlyTransactionsFinishedBeforeTheCutoffWithTheirBranches() {
        Instant era = pastEra();
        Instant cutoff = era.minusSeconds(1000);
        List<TransGlobal> old = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(finishedWithBranches(i % 2 == 0 ? SUCCEED : FAILED, cutoff.minusSeconds(100 + i)));
        }
        TransGlobal recent = finishedWithBranches(SUCCEED, cutoff.plusSeconds(10));
        TransGlobal unfinished = insert(SUBMITTED, "saga", era.minusSeconds(5000), era.minusSeconds(4000));
        assertThat(store.insertGlobal(global(PREPARED, "tcc", era.minusSeconds(5000), null), List.of())).isTrue();

        int deleted;
        int total = 0;
        do {
            deleted = store.deleteFinished(cutoff, 2);
            assertThat(deleted).isBetween(0, 2);
            total += deleted;
        }
        while (deleted == 2);

        if (!deletesFinished()) {
            assertThat(total).isZero();
            assertThat(store.findGlobal(old.get(0).getGid())).isPresent();
            return;
        }
        assertThat(total).isGreaterThanOrEqualTo(old.size());
        for (TransGlobal g : old) {
            assertThat(store.findGlobal(g.getGid())).isEmpty();
            assertThat(store.findBranches(g.getGid())).isEmpty();
        }
        assertThat(store.findGlobal(recent.getGid())).isPresent();
        assertThat(store.findBranches(recent.getGid())).hasSize(2);
        assertThat(store.findGlobal(unfinished.getGid()).orElseThrow().getStatus().wireName()).isEqualTo(SUBMITTED);
        assertThat(store.deleteFinished(cutoff, 2)).isZero();
    }

    /** A saga with one step, finished with {@code status} at {@code finishedAt}. */
    private TransGlobal finishedWithBranches(String status, Instant finishedAt) {
        TransGlobal g = global(SUBMITTED, "saga", finishedAt.minusSeconds(60), finishedAt.minusSeconds(50));
        assertThat(store.insertGlobal(g, List.of(branch(g.getGid(), "01", "compensate", finishedAt.minusSeconds(60)),
                branch(g.getGid(), "01", "action", finishedAt.minusSeconds(60)))))
            .isTrue();
        g.setStatus(status);
        // as the engine writes them: a failed transaction has a rollback time, no finish
        // time
        if (SUCCEED.equals(status)) {
            g.setFinishTime(finishedAt);
        }
        else {
            g.setRollbackTime(finishedAt);
        }
        g.setUpdateTime(finishedAt);
        g.setNextCronTime(finishedAt.plusSeconds(5));
        assertThat(store.changeGlobalStatus(g, SUBMITTED, null, List.of())).isTrue();
        return g;
    }

    @Test
    void lockOneDueTakesPreparedAndAbortingToo() {
        Instant era = pastEra();
        TransGlobal prepared = insert(PREPARED, "tcc", era.minusSeconds(600), era.minusSeconds(60));
        TransGlobal aborting = insert(ABORTING, "tcc", era.minusSeconds(600), era.minusSeconds(50));
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            store.lockOneDue(era, era.plusSeconds(60), "o").ifPresent(g -> claimed.add(g.getGid()));
        }
        assertThat(claimed).containsExactlyInAnyOrder(prepared.getGid(), aborting.getGid());
    }

    @Test
    void twoClaimersRacingForOneDueTransactionExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                Instant era = pastEra();
                TransGlobal g = insert(SUBMITTED, "saga", era.minusSeconds(600), era.minusSeconds(30));
                CountDownLatch start = new CountDownLatch(1);
                Callable<Optional<TransGlobal>> claim = () -> {
                    start.await();
                    return store.lockOneDue(era, era.plusSeconds(60), UUID.randomUUID().toString());
                };
                Future<Optional<TransGlobal>> a = pool.submit(claim);
                Future<Optional<TransGlobal>> b = pool.submit(claim);
                start.countDown();
                List<Optional<TransGlobal>> results = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
                assertThat(results.stream().filter(Optional::isPresent).count()).as("winners in round " + round)
                    .isEqualTo(1);
                assertThat(results.stream().flatMap(Optional::stream).findFirst().orElseThrow().getGid())
                    .isEqualTo(g.getGid());
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resetCronTimeMakesAtMostLimitDueAndTellsWhatRemains() {
        Instant era = futureEra();
        List<TransGlobal> far = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            far.add(insert(SUBMITTED, "saga", era, era.plusSeconds(3600 + i)));
        }
        TransGlobal finished = insert(SUBMITTED, "saga", era, era.plusSeconds(7200));
        finished.setStatus(SUCCEED);
        assertThat(store.changeGlobalStatus(finished, SUBMITTED, null, List.of())).isTrue();
        insert(SUBMITTED, "saga", era, era.minusSeconds(10)); // not after the bound
        // "now" of the reset: later than every lock era, earlier than every reset era
        Instant resetNow = Instant.parse("2100-01-01T00:00:00Z").plusSeconds(far.size());

        assertThat(store.resetCronTime(era, 2, resetNow)).isEqualTo(new ResetCronResult(true, 2));
        assertThat(store.resetCronTime(era, 2, resetNow)).isEqualTo(new ResetCronResult(false, 1));
        assertThat(store.resetCronTime(era, 2, resetNow)).isEqualTo(new ResetCronResult(false, 0));

        for (TransGlobal g : far) {
            assertThat(store.findGlobal(g.getGid()).orElseThrow().getNextCronTime()).isEqualTo(resetNow);
        }
        assertThat(store.findGlobal(finished.getGid()).orElseThrow().getNextCronTime())
            .isEqualTo(era.plusSeconds(7200));
    }

    // ------------------------------------------------------------------------------------
    // listing

    @Test
    void scanGlobalsPagesNewestFirstWithFilters() {
        // a creation window of its own keeps other tests' rows in a shared store out
        Instant now = Instant.parse("2001-01-01T00:00:00Z")
            .plusSeconds(ThreadLocalRandom.current().nextLong(100_000_000L) * 10);
        Instant from = now;
        Instant to = now.plusSeconds(4);
        String type = TransType.XA.wireName();
        List<TransGlobal> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inserted.add(insert(SUBMITTED, type, now.plusSeconds(i), Instant.now().plusSeconds(60)));
        }
        for (int i : new int[] { 1, 3 }) {
            TransGlobal g = inserted.get(i);
            g.setStatus(SUCCEED);
            assertThat(store.changeGlobalStatus(g, SUBMITTED, null, List.of())).isTrue();
        }
        List<String> newestFirst = new ArrayList<>();
        for (int i = inserted.size() - 1; i >= 0; i--) {
            newestFirst.add(inserted.get(i).getGid());
        }

        GlobalPage p1 = store.scanGlobals(new GlobalQuery("", 2, null, type, from, to));
        assertThat(p1.transactions()).extracting(TransGlobal::getGid)
            .containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(p1.nextPosition()).isNotEmpty();
        GlobalPage p2 = store.scanGlobals(new GlobalQuery(p1.nextPosition(), 2, null, type, from, to));
        assertThat(p2.transactions()).extracting(TransGlobal::getGid)
            .containsExactlyElementsOf(newestFirst.subList(2, 4));
        GlobalPage p3 = store.scanGlobals(new GlobalQuery(p2.nextPosition(), 2, null, type, from, to));
        assertThat(p3.transactions()).extracting(TransGlobal::getGid).containsExactly(newestFirst.get(4));
        assertThat(p3.nextPosition()).isEmpty();

        GlobalPage succeeded = store.scanGlobals(new GlobalQuery("", 10, SUCCEED, type, from, to));
        assertThat(succeeded.transactions()).extracting(TransGlobal::getGid)
            .containsExactly(inserted.get(3).getGid(), inserted.get(1).getGid());
        assertThat(succeeded.nextPosition()).isEmpty();
        assertThat(succeeded.transactions()).allSatisfy(g -> assertThat(g.getTransType().wireName()).isEqualTo(type));

        GlobalPage window = store
            .scanGlobals(new GlobalQuery("", 10, null, type, now.plusSeconds(1), now.plusSeconds(3)));
        assertThat(window.transactions()).extracting(TransGlobal::getGid)
            .containsExactly(inserted.get(3).getGid(), inserted.get(2).getGid(), inserted.get(1).getGid());

        GlobalPage any = store.scanGlobals(new GlobalQuery("", 3, null, null, null, null));
        assertThat(any.transactions()).hasSize(3);
    }

    @Test
    void scanGlobalsFiltersByGidPrefixTakenLiterally() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String base = "p" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // LIKE's wildcards, its usual escape characters and their plain look-alikes
        List<String> suffixes = List.of("a%b", "aXb", "a_c", "aYc", "a\\d", "a!e", "ae");
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < suffixes.size(); i++) {
            TransGlobal g = global(SUBMITTED, "saga", now.plusSeconds(i), now.plusSeconds(60));
            g.setGid(base + suffixes.get(i));
            assertThat(store.insertGlobal(g, List.of())).isTrue();
            gids.add(g.getGid());
        }
        TransGlobal other = insert(SUBMITTED, "saga", now, now.plusSeconds(60));

        assertThat(prefixed(base + "a%", 10)).containsExactly(base + "a%b");
        assertThat(prefixed(base + "a_", 10)).containsExactly(base + "a_c");
        assertThat(prefixed(base + "a\\", 10)).containsExactly(base + "a\\d");
        assertThat(prefixed(base + "a!", 10)).containsExactly(base + "a!e");
        assertThat(prefixed(base + "a%b", 10)).containsExactly(base + "a%b");
        assertThat(prefixed(base + "zz", 10)).isEmpty();
        assertThat(prefixed(other.getGid(), 10)).containsExactly(other.getGid());

        List<String> newestFirst = new ArrayList<>(gids);
        java.util.Collections.reverse(newestFirst);
        GlobalPage p1 = store.scanGlobals(new GlobalQuery("", 4, null, null, null, null, base));
        assertThat(p1.transactions()).extracting(TransGlobal::getGid)
            .containsExactlyElementsOf(newestFirst.subList(0, 4));
        GlobalPage p2 = store.scanGlobals(new GlobalQuery(p1.nextPosition(), 4, null, null, null, null, base));
        assertThat(p2.transactions()).extracting(TransGlobal::getGid)
            .containsExactlyElementsOf(newestFirst.subList(4, 7));
        assertThat(p2.nextPosition()).isEmpty();

        TransGlobal done = store.findGlobal(base + "a_c").orElseThrow();
        done.setStatus(SUCCEED);
        assertThat(store.changeGlobalStatus(done, SUBMITTED, null, List.of())).isTrue();
        assertThat(store.scanGlobals(new GlobalQuery("", 10, SUCCEED, "saga", null, null, base + "a")).transactions())
            .extracting(TransGlobal::getGid)
            .containsExactly(base + "a_c");
    }

    private List<String> prefixed(String prefix, int limit) {
        return store.scanGlobals(new GlobalQuery("", limit, null, null, null, null, prefix))
            .transactions()
            .stream()
            .map(TransGlobal::getGid)
            .toList();
    }

    // ------------------------------------------------------------------------------------
    // KV

    @Test
    void kvCreateDuplicateUpdateCasAndDelete() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String cat = "c" + UUID.randomUUID().toString().substring(0, 8);
        KvEntry e = new KvEntry(null, cat, "k1", "[]", 1, now, now);
        assertThat(store.createKv(e)).isTrue();
        assertThat(store.createKv(new KvEntry(null, cat, "k1", "other", 1, now, now))).isFalse();

        List<KvEntry> found = store.findKv(cat, "k1");
        assertThat(found).singleElement().satisfies(kv -> {
            assertThat(kv.v()).isEqualTo("[]");
            assertThat(kv.version()).isEqualTo(1);
            assertThat(kv.k()).isEqualTo("k1");
            assertThat(kv.cat()).isEqualTo(cat);
        });

        KvEntry v2 = found.get(0).withValue("[{\"url\":\"http://a\"}]", now.plusSeconds(1));
        assertThat(store.updateKv(v2)).isTrue();
        // a writer that read version 1 too loses
        assertThat(store.updateKv(found.get(0).withValue("[\"lost\"]", now.plusSeconds(2)))).isFalse();
        KvEntry stored = store.findKv(cat, "k1").get(0);
        assertThat(stored.v()).isEqualTo("[{\"url\":\"http://a\"}]");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(store.updateKv(new KvEntry(null, cat, "missing", "x", 2, now, now))).isFalse();

        assertThat(store.deleteKv(cat, "k1")).isTrue();
        assertThat(store.deleteKv(cat, "k1")).isFalse();
        assertThat(store.findKv(cat, "k1")).isEmpty();
    }

    @Test
    void kvScanPagesOneCategory() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String cat = "c" + UUID.randomUUID().toString().substring(0, 8);
        for (String k : List.of("a", "b", "c")) {
            assertThat(store.createKv(new KvEntry(null, cat, k, "v" + k, 1, now, now))).isTrue();
        }
        // a category whose keys share the prefix of this one's must not leak in
        assertThat(store.createKv(new KvEntry(null, cat + "_x", "a", "other", 1, now, now))).isTrue();

        KvPage p1 = store.scanKv(cat, "", 2);
        assertThat(p1.kv()).extracting(KvEntry::k).containsExactly("a", "b");
        assertThat(p1.nextPosition()).isNotEmpty();
        KvPage p2 = store.scanKv(cat, p1.nextPosition(), 2);
        assertThat(p2.kv()).extracting(KvEntry::k).containsExactly("c");
        assertThat(p2.nextPosition()).isEmpty();

        assertThat(store.findKv(cat, "")).extracting(KvEntry::v).containsExactly("va", "vb", "vc");
        assertThat(store.findKv(cat + "_x", "")).extracting(KvEntry::v).containsExactly("other");
    }

    // ------------------------------------------------------------------------------------
    // helpers

    protected static String gid() {
        return "g-" + UUID.randomUUID();
    }

    private static TransBranch finished(TransBranch b, String status, Instant at) {
        b.setStatus(status);
        b.setFinishTime(at);
        b.setUpdateTime(at);
        return b;
    }

    private static Instant pastEra() {
        return Instant.ofEpochSecond(PAST_ERA.getAndAdd(-MONTH));
    }

    private static Instant futureEra() {
        return Instant.ofEpochSecond(FUTURE_ERA.getAndAdd(MONTH));
    }

    @Test
    void countUnfinishedCountsByStatusAndTypeLeavingFinishedOut() {
        Map<String, Long> before = unfinishedCounts();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant far = now.plus(Duration.ofDays(3650));
        insert(SUBMITTED, "workflow", now, far);
        insert(SUBMITTED, "workflow", now, far);
        insert(PREPARED, "xa", now, far);
        insert(ABORTING, "workflow", now, far);
        insert(SUCCEED, "workflow", now, far);
        insert(FAILED, "xa", now, far);
        Map<String, Long> after = unfinishedCounts();
        assertThat(after.getOrDefault("submitted/workflow", 0L) - before.getOrDefault("submitted/workflow", 0L))
            .isEqualTo(2);
        assertThat(after.getOrDefault("prepared/xa", 0L) - before.getOrDefault("prepared/xa", 0L)).isEqualTo(1);
        assertThat(after.getOrDefault("aborting/workflow", 0L) - before.getOrDefault("aborting/workflow", 0L))
            .isEqualTo(1);
        assertThat(after.keySet()).allMatch(k -> !k.startsWith("succeed/") && !k.startsWith("failed/"));
    }

    private Map<String, Long> unfinishedCounts() {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (TransStore.UnfinishedCount c : store.countUnfinished()) {
            counts.merge(c.status() + "/" + c.transType(), c.count(), Long::sum);
        }
        return counts;
    }

    private TransGlobal insert(String status, String type, Instant created, Instant nextCron) {
        TransGlobal g = global(status, type, created, nextCron);
        assertThat(store.insertGlobal(g, List.of())).isTrue();
        return g;
    }

    protected static TransGlobal global(String status, String type, Instant created, Instant nextCron) {
        TransGlobal g = new TransGlobal();
        g.setGid(gid());
        g.setTransType(type);
        g.setStatus(status);
        g.setCreateTime(created);
        g.setUpdateTime(created);
        g.setOptions(new TransOptions());
        g.setNextCronInterval(10);
        g.setNextCronTime(nextCron);
        return g;
    }

    protected static TransBranch branch(String gid, String branchId, String op, Instant now) {
        return new TransBranch(gid, "http://busi/" + branchId + "/" + op,
                ("{\"amount\":\"" + branchId + "\"}").getBytes(StandardCharsets.UTF_8), branchId, op, PREPARED, now);
    }

}
