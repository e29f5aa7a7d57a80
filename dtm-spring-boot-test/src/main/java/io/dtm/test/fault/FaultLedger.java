package io.dtm.test.fault;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * What the kit's two interceptors share: the {@link BranchFault faults} armed by the
 * test, the branch calls made (by the coordinator and by the initiator), and the requests
 * held back by {@link Fault#DELIVERED_AFTER_COMPENSATION} until their transaction ends.
 */
public class FaultLedger {

    private final List<Armed> armed = new ArrayList<>();

    private final List<BranchCall> calls = new ArrayList<>();

    private final List<Held> held = new ArrayList<>();

    /** Arms a fault; faults armed earlier are tried first, one fault per call. */
    public void inject(BranchFault fault) {
        synchronized (this.armed) {
            this.armed.add(new Armed(fault));
        }
    }

    public void clearFaults() {
        synchronized (this.armed) {
            this.armed.clear();
        }
    }

    /**
     * Takes the first armed fault that matches {@code target} and that {@code usable}
     * accepts, counting it as used.
     * @return the fault, or {@code null}
     */
    @Nullable Fault take(BranchTarget target, Predicate<Fault> usable) {
        synchronized (this.armed) {
            for (Iterator<Armed> it = this.armed.iterator(); it.hasNext();) {
                Armed candidate = it.next();
                if (usable.test(candidate.fault.fault()) && candidate.fault.selector().matches(target)) {
                    if (--candidate.remaining == 0) {
                        it.remove();
                    }
                    return candidate.fault.fault();
                }
            }
            return null;
        }
    }

    void record(BranchCall call) {
        synchronized (this.calls) {
            this.calls.add(call);
        }
    }

    /** The calls made since the last {@link #clearCalls()}, in the order they ended. */
    public List<BranchCall> calls() {
        synchronized (this.calls) {
            return List.copyOf(this.calls);
        }
    }

    public void clearCalls() {
        synchronized (this.calls) {
            this.calls.clear();
        }
    }

    /**
     * Holds a request back until its transaction has ended; {@code delivery} sends it
     * then and records the call.
     */
    void hold(BranchTarget target, Runnable delivery) {
        synchronized (this.held) {
            this.held.add(new Held(target, delivery));
        }
    }

    /**
     * Delivers, in the order they were held, the requests whose transaction
     * {@code ended}.
     * @return how many were delivered
     */
    public int deliverHeld(Predicate<String> ended) {
        List<Held> due = new ArrayList<>();
        synchronized (this.held) {
            for (Iterator<Held> it = this.held.iterator(); it.hasNext();) {
                Held candidate = it.next();
                if (ended.test(candidate.target().gid())) {
                    due.add(candidate);
                    it.remove();
                }
            }
        }
        due.forEach((request) -> request.delivery().run());
        return due.size();
    }

    /** The calls of the requests still held back. */
    public List<BranchTarget> held() {
        synchronized (this.held) {
            return this.held.stream().map(Held::target).toList();
        }
    }

    /** Forgets the requests still held back, without delivering them. */
    public void discardHeld() {
        synchronized (this.held) {
            this.held.clear();
        }
    }

    private record Held(BranchTarget target, Runnable delivery) {
    }

    private static final class Armed {

        private final BranchFault fault;

        private int remaining;

        Armed(BranchFault fault) {
            this.fault = fault;
            this.remaining = fault.times();
        }

    }

}
