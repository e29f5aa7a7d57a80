package io.dtm.test.fault;

import org.springframework.util.Assert;

/**
 * A {@link Fault} armed on the branch calls a {@link BranchSelector} matches, for a
 * number of calls.
 *
 * @param fault what goes wrong
 * @param selector which calls
 * @param times how many matching calls it hits, {@link Integer#MAX_VALUE} for all
 */
public record BranchFault(Fault fault, BranchSelector selector, int times) {

    public BranchFault {
        Assert.notNull(fault, "fault must not be null");
        Assert.notNull(selector, "selector must not be null");
        Assert.isTrue(times > 0, "times must be positive");
    }

    /** The same fault on the first {@code times} matching calls. */
    public BranchFault times(int times) {
        return new BranchFault(this.fault, this.selector, times);
    }

    /** The same fault on every matching call. */
    public BranchFault always() {
        return times(Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return this.selector + ": " + this.fault.description() + ((this.times == Integer.MAX_VALUE) ? " (always)"
                : (this.times == 1) ? "" : " (" + this.times + " times)");
    }

}
