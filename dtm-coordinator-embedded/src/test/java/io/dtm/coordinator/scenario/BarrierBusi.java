package io.dtm.coordinator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A business service behind dtm's branch barrier, for tests about overlapping passes:
 * every action and compensation applies its work at most once, a compensation whose
 * action never ran does nothing and keeps that action from running later, and every
 * applied piece of work is kept in a ledger. A gate holds the reply of one route after
 * its work was applied, as a participant slower than the coordinator would.
 */
public class BarrierBusi {

    /**
     * One piece of work applied: the step's branch id and whether it was the action or
     * its compensation.
     */
    public record Applied(String gid, String branchId, String op) {
    }

    private final Set<String> barrier = new HashSet<>();

    private final List<Applied> ledger = new ArrayList<>();

    private final List<String> calls = new ArrayList<>();

    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();

    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    /**
     * The next call of {@code route} for {@code gid} fails with 500 before applying
     * anything.
     */
    public void failOnce(String gid, String route) {
        failOnce.add(gid + "/" + route);
    }

    boolean takeFailure(String gid, String route) {
        return failOnce.remove(gid + "/" + route);
    }

    /**
     * The next reply of {@code route} for {@code gid} waits after applying its work until
     * {@link #open}.
     */
    public void gate(String gid, String route) {
        CountDownLatch arrived = new CountDownLatch(1);
        gates.put(gid + "/" + route, new CountDownLatch(1));
        arrivals.put(gid + "/" + route, arrived);
        held.put(gid + "/" + route, arrived);
    }

    public void open(String gid, String route) {
        CountDownLatch gate = gates.remove(gid + "/" + route);
        if (gate != null) {
            gate.countDown();
        }
    }

    /**
     * Waits until a call of a gated route has applied its work and is held at the gate.
     */
    public void awaitHeld(String gid, String route) throws InterruptedException {
        CountDownLatch arrived = held.get(gid + "/" + route);
        if (arrived == null || !arrived.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError(route + " of " + gid + " was never called");
        }
    }

    /** Applies the call's work inside the barrier; returns whether it did anything. */
    synchronized boolean apply(String gid, String branchId, String op, String route) {
        calls.add(gid + " " + route);
        String action = gid + "/" + branchId + "/action";
        boolean applied;
        if ("action".equals(op)) {
            applied = barrier.add(action);
        }
        else {
            boolean actionNeverRan = barrier.add(action);
            applied = barrier.add(gid + "/" + branchId + "/" + op) && !actionNeverRan;
        }
        if (applied) {
            ledger.add(new Applied(gid, branchId, op));
        }
        return applied;
    }

    /** Holds the first call of a gated route until the gate opens; later calls pass. */
    void holdAtGate(String gid, String route) {
        CountDownLatch arrived = arrivals.remove(gid + "/" + route);
        if (arrived == null) {
            return;
        }
        CountDownLatch gate = gates.get(gid + "/" + route);
        arrived.countDown();
        if (gate == null) {
            return;
        }
        try {
            gate.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized List<Applied> ledger(String gid) {
        return ledger.stream().filter(a -> a.gid().equals(gid)).toList();
    }

    /**
     * The routes called for {@code gid}, in order, whether or not they applied anything.
     */
    public synchronized List<String> calls(String gid) {
        return calls.stream().filter(c -> c.startsWith(gid + " ")).map(c -> c.substring(gid.length() + 1)).toList();
    }

}
