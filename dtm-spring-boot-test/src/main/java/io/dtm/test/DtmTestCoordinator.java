package io.dtm.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.function.Executable;

import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.store.TransStore.GlobalPage;
import io.dtm.coordinator.store.TransStore.GlobalQuery;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransBranch;
import io.dtm.protocol.TransGlobal;
import io.dtm.protocol.TransStatus;
import io.dtm.protocol.TransType;
import io.dtm.test.engine.PassTrackingExecutor;
import io.dtm.test.engine.VirtualClock;
import io.dtm.test.fault.BranchCall;
import io.dtm.test.fault.BranchFault;
import io.dtm.test.fault.BranchTarget;
import io.dtm.test.fault.FaultLedger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.function.Executable;

/**
 * The coordinator of a {@link DtmTest}, driven by the test: time stands still until
 * {@link #advance} or {@link #runUntilIdle} moves it, and only then do retries, backoff,
 * timeouts, message delays and back-checks happen. Faults {@link #inject injected} here
 * hit the branch calls the coordinator makes and those the initiator makes itself (TCC
 * tries, XA and workflow branches); every call is recorded.
 */
public class DtmTestCoordinator {

    /**
     * How far {@link #runUntilIdle()} moves time at most: far past any backoff a test
     * waits for.
     */
    static final Duration IDLE_HORIZON = Duration.ofDays(1);

    private static final Duration PASS_TIMEOUT = Duration.ofSeconds(60);

    private static final int MAX_STEPS = 10_000;

    private static final int PAGE = 500;

    private final VirtualClock clock;

    private final CronPoller poller;

    private final TransService service;

    private final PassTrackingExecutor passes;

    private final FaultLedger ledger;

    private final EngineSettings settings;

    private volatile long firstId;

    public DtmTestCoordinator(VirtualClock clock, CronPoller poller, TransService service, PassTrackingExecutor passes,
            FaultLedger ledger, EngineSettings settings) {
        this.clock = clock;
        this.poller = poller;
        this.service = service;
        this.passes = passes;
        this.ledger = ledger;
        this.settings = settings;
    }

    /** The coordinator's current time. */
    public Instant now() {
        return this.clock.instant();
    }

    /**
     * Moves time forward by {@code duration}, running every pass that falls due on the
     * way at its own time: retries, timeouts, delayed messages, back-checks. Then the
     * requests a {@link io.dtm.test.fault.Fault#DELIVERED_AFTER_COMPENSATION} held back
     * reach their handlers, those whose transaction has ended.
     */
    public void advance(Duration duration) {
        Instant target = now().plus(duration);
        runUntil(target);
        this.clock.moveTo(target);
        runDue();
        deliverHeld();
    }

    /**
     * Runs what is due, then moves time to each next retry or timeout until every
     * transaction has finished (or a day of virtual time has passed, when one never
     * does). Then the requests a
     * {@link io.dtm.test.fault.Fault#DELIVERED_AFTER_COMPENSATION} held back reach their
     * handlers, those whose transaction has ended.
     */
    public void runUntilIdle() {
        runUntil(now().plus(IDLE_HORIZON));
        deliverHeld();
    }

    /**
     * Arms a fault on branch calls, the coordinator's and the initiator's, e.g.
     * {@code Fault.DELIVERED_TWICE.on(named("TransIn"))}.
     */
    public void inject(BranchFault fault) {
        this.ledger.inject(fault);
    }

    public void clearFaults() {
        this.ledger.clearFaults();
    }

    /**
     * The calls made to branches since the test began, by the coordinator and by the
     * initiator, in the order they ended.
     */
    public List<BranchCall> calls() {
        return this.ledger.calls();
    }

    /**
     * The calls of the requests a
     * {@link io.dtm.test.fault.Fault#DELIVERED_AFTER_COMPENSATION} holds back until their
     * transaction ends.
     */
    public List<BranchTarget> heldRequests() {
        return this.ledger.held();
    }

    /** A transaction and the branch calls made for it. */
    public RecordedTransaction transaction(String gid) {
        TransService.QueryResult result = this.service.query(gid);
        if (result.transaction() == null) {
            throw new IllegalArgumentException("the test coordinator has no transaction " + gid);
        }
        return record(result.transaction(), result.branches());
    }

    /** The transaction started last since the test began. */
    public RecordedTransaction lastTransaction() {
        List<TransGlobal> started = startedSinceReset();
        if (started.isEmpty()) {
            throw new IllegalStateException("no transaction was started since the test began");
        }
        return transaction(started.get(0).getGid());
    }

    /** The transactions started since the test began, oldest first. */
    public List<RecordedTransaction> transactions() {
        List<TransGlobal> started = new ArrayList<>(startedSinceReset());
        Collections.reverse(started);
        return started.stream().map((g) -> transaction(g.getGid())).toList();
    }

    /**
     * Runs {@code initiator} once without a fault and once per fault on each branch call
     * it leads to, and checks {@code invariant} after each run has been driven to its
     * end. Stops at the first broken run, since later runs would start from the state it
     * left; {@link #faultMatrix} with {@link FaultMatrix#beforeEach} runs them all.
     * @throws AssertionError naming the fault and what broke, e.g. "TransIn: reply lost
     * after commit → invariant failed: ..."
     * @return the runs, in words
     */
    public List<String> verifyUnderFaults(Executable initiator, Executable invariant) {
        return faultMatrix(initiator).verify(invariant);
    }

    /**
     * The anomaly matrix of {@code initiator}, to configure before
     * {@link FaultMatrix#verify verifying} it.
     */
    public FaultMatrix faultMatrix(Executable initiator) {
        return new FaultMatrix(this, initiator);
    }

    /**
     * Forgets faults and recorded calls, and stops the transactions left unfinished (as a
     * force-stop does: failed, without calling any branch), so that they do not run on
     * into what comes next.
     * @throws IllegalStateException when requests are still held back: they are dropped,
     * and the test that left them should drive their transactions to the end
     */
    public void reset() {
        List<BranchTarget> held = this.ledger.held();
        this.ledger.discardHeld();
        clearFaults();
        this.passes.awaitIdle(PASS_TIMEOUT);
        for (TransGlobal g : unfinished()) {
            try {
                this.service.forceStop(g.getGid());
            }
            catch (DtmFailureException ex) {
                // it finished meanwhile
            }
        }
        this.ledger.clearCalls();
        GlobalPage newest = this.service.all(query(null, null, 1));
        this.firstId = newest.transactions().isEmpty() ? 0 : newest.transactions().get(0).getId();
        if (!held.isEmpty()) {
            throw new IllegalStateException(undelivered(held) + " at reset; they were dropped");
        }
    }

    /**
     * Fails when requests are still held back, and drops them.
     * @throws AssertionError naming them
     */
    void verifyNothingHeld() {
        List<BranchTarget> held = this.ledger.held();
        if (!held.isEmpty()) {
            this.ledger.discardHeld();
            throw new AssertionError(undelivered(held) + " when the test ended: their transaction had not ended."
                    + " Call runUntilIdle() (or advance(..) past its end) before the test ends");
        }
    }

    /** Drops the requests still held back. */
    void discardHeld() {
        this.ledger.discardHeld();
    }

    private static String undelivered(List<BranchTarget> held) {
        return held.size() + " request(s) held back by DELIVERED_AFTER_COMPENSATION were never delivered ("
                + held.stream().map((t) -> t.describe() + " of " + t.gid()).collect(Collectors.joining(", ")) + ")";
    }

    /** Delivers the held requests whose transaction has ended. */
    private void deliverHeld() {
        this.ledger.deliverHeld(this::ended);
    }

    private boolean ended(String gid) {
        TransGlobal g = this.service.query(gid).transaction();
        return g == null || g.getStatus().isFinished();
    }

    /** The transactions started since the last {@link #reset()}, newest first. */
    List<TransGlobal> startedSinceReset() {
        List<TransGlobal> started = new ArrayList<>();
        String position = null;
        do {
            GlobalPage page = this.service.all(query(position, null, PAGE));
            for (TransGlobal g : page.transactions()) {
                if (g.getId() <= this.firstId) {
                    return started;
                }
                started.add(g);
            }
            position = page.nextPosition();
        }
        while (position != null && !position.isEmpty());
        return started;
    }

    private RecordedTransaction record(TransGlobal g, List<TransBranch> branches) {
        List<BranchCall> calls = calls().stream().filter((c) -> c.gid().equals(g.getGid())).toList();
        return new RecordedTransaction(g.getGid(), g.getTransType().wireName(), g.getStatus().wireName(),
                g.getRollbackReason(), List.copyOf(branches), calls);
    }

    private List<TransGlobal> unfinished() {
        List<TransGlobal> unfinished = new ArrayList<>();
        for (TransStatus status : TransStatus.values()) {
            if (!status.isFinished()) {
                forEachGlobal(status.wireName(), unfinished::add);
            }
        }
        return unfinished;
    }

    private void runUntil(Instant limit) {
        for (int step = 0; step < MAX_STEPS; step++) {
            runDue();
            Optional<Wakeup> next = nextWakeup();
            if (next.isEmpty() || next.get().at().isAfter(limit)) {
                return;
            }
            Wakeup wakeup = next.get();
            if (wakeup.timeout() != null) {
                // the coordinator notices a timeout at its next retry; the kit makes it
                // due the moment it expires
                this.clock.moveTo(wakeup.at().minusMillis(1));
                this.service.resetNextCronTime(wakeup.timeout());
            }
            this.clock.moveTo(wakeup.at());
        }
        throw new IllegalStateException("the test coordinator ran " + MAX_STEPS + " steps without getting idle");
    }

    /** Runs every pass due now, the background ones included, until none is. */
    private void runDue() {
        for (int pass = 0; pass < MAX_STEPS; pass++) {
            this.passes.awaitIdle(PASS_TIMEOUT);
            if (this.poller.runOnce().isEmpty()) {
                this.passes.awaitIdle(PASS_TIMEOUT);
                return;
            }
        }
        throw new IllegalStateException("the test coordinator ran " + MAX_STEPS + " passes at one instant");
    }

    /**
     * The next moment something happens: an unfinished transaction falls due (a store
     * compares strictly, so a millisecond after its next_cron_time) or its timeout
     * expires.
     */
    private Optional<Wakeup> nextWakeup() {
        Instant now = now();
        Wakeup[] next = new Wakeup[1];
        for (TransGlobal g : unfinished()) {
            if (g.getNextCronTime() != null) {
                consider(next, new Wakeup(g.getNextCronTime().plusMillis(1), null), now);
            }
            Instant deadline = deadline(g);
            if (deadline != null) {
                consider(next, new Wakeup(deadline.plusMillis(1), g.getGid()), now);
            }
        }
        return Optional.ofNullable(next[0]);
    }

    private static void consider(Wakeup[] next, Wakeup candidate, Instant now) {
        if (candidate.at().isAfter(now) && (next[0] == null || candidate.at().isBefore(next[0].at()))) {
            next[0] = candidate;
        }
    }

    /**
     * When a transaction waiting for its timeout times out (the engine's rule), or null.
     */
    private @Nullable Instant deadline(TransGlobal g) {
        boolean saga = g.getTransType() == TransType.SAGA;
        boolean waits = saga ? g.getStatus() == TransStatus.SUBMITTED : g.getStatus() == TransStatus.PREPARED;
        if (!waits || g.getCreateTime() == null) {
            return null;
        }
        long own = g.getOptions().getTimeoutToFail();
        long timeout = (own > 0 || saga) ? own : this.settings.timeoutToFail().toSeconds();
        return (timeout > 0) ? g.getCreateTime().plusSeconds(timeout) : null;
    }

    private void forEachGlobal(String status, Consumer<TransGlobal> action) {
        String position = null;
        do {
            GlobalPage page = this.service.all(query(position, status, PAGE));
            page.transactions().forEach(action);
            position = page.nextPosition();
        }
        while (position != null && !position.isEmpty());
    }

    private static GlobalQuery query(String position, String status, int limit) {
        return new GlobalQuery(position, limit, status, null, null, null);
    }

    /**
     * A moment to move time to; {@code timeout} is the gid whose timeout expires then, or
     * null.
     */
    private record Wakeup(Instant at, String timeout) {
    }

}
