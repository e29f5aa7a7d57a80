package io.dtm.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.dtm.protocol.TransStatus;
import io.dtm.test.fault.BranchCall;
import io.dtm.test.fault.BranchSelector;
import io.dtm.test.fault.BranchTarget;
import io.dtm.test.fault.Fault;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.function.Executable;

/**
 * The anomaly matrix of one initiator: it runs once without a fault, which shows the
 * branch calls it leads to, then once per {@link Fault} on each of those calls. When a
 * fault brings calls the first run did not make (a FAILURE brings compensations), each
 * fault is tried on those as well, after the same first fault. Every run is driven to its
 * end in virtual time before the invariant is checked.
 */
public final class FaultMatrix {

    private static final Set<String> UNDO_OPS = Set.of("compensate", "cancel", "rollback");

    private final DtmTestCoordinator dtm;

    private final Executable initiator;

    private @Nullable Executable beforeEach;

    private Set<Fault> faults = new LinkedHashSet<>(List.of(Fault.values()));

    FaultMatrix(DtmTestCoordinator dtm, Executable initiator) {
        this.dtm = dtm;
        this.initiator = initiator;
    }

    /**
     * Puts the application back to its starting state before each run (e.g. the
     * balances), so that every run is checked and a broken run does not break the ones
     * after it. Without it, the matrix stops at the first broken run.
     */
    public FaultMatrix beforeEach(Executable reset) {
        this.beforeEach = reset;
        return this;
    }

    /** Only these faults; all of them unless set. */
    public FaultMatrix faults(Fault... faults) {
        this.faults = new LinkedHashSet<>(List.of(faults));
        return this;
    }

    /**
     * Runs the matrix and checks {@code invariant} after each run.
     * @return the runs, in words: "without any fault", "TransIn: reply lost after
     * commit", ...
     * @throws AssertionError listing each broken run: which branch, which fault, and what
     * broke
     */
    public List<String> verify(Executable invariant) {
        List<String> broken = new ArrayList<>();
        List<Set<String>> suspects = new ArrayList<>();
        List<String> runs = new ArrayList<>(List.of("without any fault"));
        Run baseline = run(List.of(), invariant);
        if (baseline.problem() != null) {
            throw new AssertionError("Without any fault: " + baseline.problem() + baseline.callsText());
        }
        if (baseline.thrown() != null) {
            throw new AssertionError("Without any fault, the initiator threw " + baseline.thrown());
        }
        if (baseline.calls().isEmpty()) {
            throw new AssertionError("Without any fault, the coordinator called no branch: the initiator started no "
                    + "transaction with branches to inject faults into");
        }
        List<Scenario> scenarios = new ArrayList<>();
        List<BranchTarget> baseTargets = targets(baseline.calls());
        for (BranchTarget target : baseTargets) {
            addScenarios(scenarios, List.of(), target);
        }
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            Run run = run(scenario.faults(), invariant);
            runs.add(scenario.toString());
            if (run.problem() != null) {
                broken.add(scenario + " → " + run.problem() + run.callsText());
                suspects.add(suspects(scenario, run.calls()));
                if (this.beforeEach == null) {
                    break;
                }
            }
            else if (scenario.faults().size() == 1) {
                for (BranchTarget target : targets(run.calls())) {
                    if (baseTargets.stream().noneMatch((t) -> sameCall(t, target))) {
                        addScenarios(scenarios, scenario.faults(), target);
                    }
                }
            }
        }
        if (!broken.isEmpty()) {
            String hint = hint(suspects);
            throw new AssertionError(((hint != null) ? hint + System.lineSeparator() : "") + broken.size() + " of "
                    + runs.size() + " runs broke the invariant"
                    + ((this.beforeEach == null) ? " (stopped at the first: set beforeEach to run them all)" : "") + ":"
                    + System.lineSeparator() + String.join(System.lineSeparator(), broken));
        }
        return runs;
    }

    /**
     * The handlers the last fault of a broken run made do work twice or out of turn: the
     * call it repeats or sends late and, for a fault that keeps an action or try from
     * running first, its compensation or cancel, which then runs with nothing to undo.
     * Earlier faults of the run only led to that call, and the first run with them alone
     * kept the invariant.
     */
    private static Set<String> suspects(Scenario scenario, List<BranchCall> calls) {
        Set<String> names = new LinkedHashSet<>();
        Step last = scenario.faults().get(scenario.faults().size() - 1);
        BranchTarget target = last.target();
        if (last.fault() != Fault.FAILURE) {
            names.add(target.name());
        }
        if (last.fault() == Fault.FAILURE || last.fault() == Fault.DELIVERED_AFTER_COMPENSATION) {
            calls.stream()
                .map(BranchCall::target)
                .filter((t) -> t.branchId().equals(target.branchId()) && UNDO_OPS.contains(t.op()))
                .findFirst()
                .ifPresent((undo) -> names.add(undo.name()));
        }
        return names;
    }

    /**
     * One line on top of the broken runs: the handler that every broken run (or most of
     * them) repeats or calls with nothing to undo, the usual sign of one that is not
     * behind the branch barrier.
     */
    static @Nullable String hint(List<Set<String>> suspects) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        suspects.forEach((names) -> names.forEach((name) -> counts.merge(name, 1, Integer::sum)));
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        if (most == 0 || (suspects.size() > 1 && most == 1)) {
            return null;
        }
        List<String> top = counts.entrySet()
            .stream()
            .filter((e) -> e.getValue() == most)
            .map((e) -> "`" + e.getKey() + "`")
            .toList();
        String names = String.join(" or ", top);
        String which = (most == suspects.size()) ? "every broken run"
                : most + " of " + suspects.size() + " broken runs";
        boolean every = most == suspects.size();
        return which + (every ? " repeats " : " repeat ") + names + (every ? " or runs " : " or run ")
                + ((top.size() > 1) ? "them" : "it") + " out of turn (a compensation with nothing to undo, an action "
                + "after its compensation): is " + ((top.size() > 1) ? "each" : "it")
                + " behind the branch barrier (@DtmBarrier, or @TccTry/@TccConfirm/@TccCancel)?";
    }

    private void addScenarios(List<Scenario> scenarios, List<Step> before, BranchTarget target) {
        for (Fault fault : this.faults) {
            if (fault.appliesTo(target)) {
                List<Step> steps = new ArrayList<>(before);
                steps.add(new Step(fault, target));
                scenarios.add(new Scenario(steps));
            }
        }
    }

    private Run run(List<Step> steps, Executable invariant) {
        this.dtm.reset();
        if (this.beforeEach != null) {
            execute(this.beforeEach, "beforeEach");
        }
        steps.forEach((step) -> this.dtm.inject(step.fault().on(BranchSelector.sameCallAs(step.target()))));
        String thrown = null;
        try {
            this.initiator.execute();
        }
        catch (Throwable ex) {
            // a fault may make the initiator fail, which is a legitimate outcome: the
            // invariant decides
            thrown = ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage());
        }
        String stuck = null;
        try {
            this.dtm.runUntilIdle();
        }
        catch (IllegalStateException ex) {
            stuck = "the coordinator did not get idle: " + oneLine(ex.getMessage());
        }
        List<BranchCall> calls = this.dtm.calls();
        List<RecordedTransaction> transactions = this.dtm.transactions();
        List<BranchTarget> held = this.dtm.heldRequests();
        this.dtm.discardHeld();
        this.dtm.clearFaults();
        String problem = stuck;
        try {
            invariant.execute();
        }
        catch (Throwable ex) {
            problem = ((problem != null) ? problem + "; " : "") + "invariant failed: " + oneLine(ex.getMessage())
                    + ((thrown != null) ? " (the initiator threw " + thrown + ")" : "");
        }
        if (problem == null) {
            problem = transactions.stream()
                .filter((t) -> !TransStatus.isFinished(t.status()))
                .findFirst()
                .map((t) -> "transaction " + t.gid() + " did not finish: still " + t.status() + " a day later")
                .orElse(null);
        }
        if (problem == null && !held.isEmpty()) {
            problem = "the request held back for " + held.get(0).describe() + " was never delivered";
        }
        return new Run(calls, problem, thrown);
    }

    private static List<BranchTarget> targets(List<BranchCall> calls) {
        List<BranchTarget> targets = new ArrayList<>();
        for (BranchCall call : calls) {
            if (targets.stream().noneMatch((t) -> sameCall(t, call.target()))) {
                targets.add(call.target());
            }
        }
        return targets;
    }

    private static boolean sameCall(BranchTarget a, BranchTarget b) {
        return a.branchId().equals(b.branchId()) && a.op().equals(b.op()) && a.url().equals(b.url());
    }

    private static void execute(Executable executable, String what) {
        try {
            executable.execute();
        }
        catch (Throwable ex) {
            throw new IllegalStateException(what + " failed: " + ex.getMessage(), ex);
        }
    }

    private static String oneLine(String text) {
        return (text == null) ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private record Step(Fault fault, BranchTarget target) {

        @Override
        public String toString() {
            return this.target.describe() + ": " + this.fault.description();
        }

    }

    private record Scenario(List<Step> faults) {

        @Override
        public String toString() {
            return this.faults.stream().map(Step::toString).collect(Collectors.joining(", then "));
        }

    }

    private record Run(List<BranchCall> calls, @Nullable String problem, @Nullable String thrown) {

        String callsText() {
            return System.lineSeparator() + "    calls: " + String.join(", ", BranchCall.describeAll(this.calls));
        }

    }

}
