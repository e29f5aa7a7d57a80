package io.dtm.spring.context;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Generates sub-branch ids the way dtm's SDKs do: two digits per level
 * ({@code 01}..{@code 99}), nested under the parent branch id ({@code 01} then
 * {@code 0101}), at most 20 characters in all.
 */
public final class BranchIdGenerator {

    static final int MAX_SUB_BRANCHES = 99;

    static final int MAX_LENGTH = 20;

    private final String parentBranchId;

    private final AtomicInteger subBranch = new AtomicInteger();

    public BranchIdGenerator(@Nullable String parentBranchId) {
        this.parentBranchId = (parentBranchId != null) ? parentBranchId : "";
    }

    public String parentBranchId() {
        return this.parentBranchId;
    }

    public String next() {
        if (this.parentBranchId.length() >= MAX_LENGTH) {
            throw new IllegalStateException(
                    "total branch id is longer than " + MAX_LENGTH + ": " + this.parentBranchId);
        }
        int next = this.subBranch.updateAndGet((current) -> {
            if (current >= MAX_SUB_BRANCHES) {
                throw new IllegalStateException("branch id is larger than " + MAX_SUB_BRANCHES);
            }
            return current + 1;
        });
        return this.parentBranchId + String.format("%02d", next);
    }

    public String current() {
        return this.parentBranchId + String.format("%02d", this.subBranch.get());
    }

}
