package io.dtm.test.fault;

import java.util.Objects;
import java.util.function.Predicate;

import org.springframework.util.Assert;

/**
 * Which branch calls a {@link Fault} hits: by URL, name, op or step, combined with
 * {@link #and} and {@link #or}. They select the calls the coordinator makes and those the
 * initiator makes alike.
 */
public final class BranchSelector {

    private final Predicate<BranchTarget> predicate;

    private final String description;

    private BranchSelector(Predicate<BranchTarget> predicate, String description) {
        this.predicate = predicate;
        this.description = description;
    }

    /** Calls whose URL contains {@code part}. */
    public static BranchSelector urlContains(String part) {
        Assert.hasText(part, "part must not be empty");
        return new BranchSelector((t) -> t.url().contains(part), "URL containing '" + part + "'");
    }

    /** Calls whose URL's last path segment is {@code name}, e.g. {@code TransIn}. */
    public static BranchSelector named(String name) {
        Assert.hasText(name, "name must not be empty");
        return new BranchSelector((t) -> t.name().equals(name), name);
    }

    /**
     * Calls with this op: action, compensate, try, confirm, cancel, commit, rollback,
     * msg.
     */
    public static BranchSelector op(String op) {
        Assert.hasText(op, "op must not be empty");
        return new BranchSelector((t) -> t.op().equals(op), "op " + op);
    }

    /**
     * Calls of one step or branch, 0-based in the order the initiator added them:
     * {@code step(1)} is a saga's second step (both its action and its compensation), a
     * TCC transaction's second branch (its try, confirm and cancel), or an XA or workflow
     * transaction's second branch.
     */
    public static BranchSelector step(int index) {
        Assert.isTrue(index >= 0, "index must not be negative");
        String branchId = String.format("%02d", index + 1);
        return new BranchSelector((t) -> branchId.equals(t.branchId()), "step " + index);
    }

    /** Exactly this call of any transaction: same branch id, op and URL. */
    public static BranchSelector sameCallAs(BranchTarget target) {
        return new BranchSelector((t) -> Objects.equals(t.branchId(), target.branchId())
                && Objects.equals(t.op(), target.op()) && Objects.equals(t.url(), target.url()), target.describe());
    }

    /** Every call. */
    public static BranchSelector any() {
        return new BranchSelector((t) -> true, "any branch");
    }

    /** Calls both selectors match. */
    public BranchSelector and(BranchSelector other) {
        return new BranchSelector(this.predicate.and(other.predicate), this.description + " and " + other.description);
    }

    /** Calls either selector matches. */
    public BranchSelector or(BranchSelector other) {
        return new BranchSelector(this.predicate.or(other.predicate),
                "(" + this.description + " or " + other.description + ")");
    }

    public boolean matches(BranchTarget target) {
        return this.predicate.test(target);
    }

    @Override
    public String toString() {
        return this.description;
    }

}
