package io.dtm.test;

import java.util.ArrayList;
import java.util.List;

import io.dtm.protocol.TransStatus;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a {@link RecordedTransaction}; failures show its status, rollback reason
 * and branch calls.
 */
public class TransactionAssert extends AbstractObjectAssert<TransactionAssert, RecordedTransaction> {

    TransactionAssert(RecordedTransaction actual) {
        super(actual, TransactionAssert.class);
    }

    public TransactionAssert succeeded() {
        return hasStatus(TransStatus.SUCCEED.wireName());
    }

    public TransactionAssert failed() {
        return hasStatus(TransStatus.FAILED.wireName());
    }

    /** Status as dtm words it: prepared, submitted, aborting, succeed, failed. */
    public TransactionAssert hasStatus(String status) {
        isNotNull();
        if (!status.equals(this.actual.status())) {
            failWithMessage("Expected transaction to be %s but was:%n  %s", status, this.actual);
        }
        return this;
    }

    public TransactionAssert hasRollbackReason(String reason) {
        isNotNull();
        if (!reason.equals(this.actual.rollbackReason())) {
            failWithMessage("Expected rollback reason <%s> but was:%n  %s", reason, this.actual);
        }
        return this;
    }

    public TransactionAssert hasRollbackReasonContaining(String text) {
        isNotNull();
        if (this.actual.rollbackReason() == null || !this.actual.rollbackReason().contains(text)) {
            failWithMessage("Expected rollback reason containing <%s> but was:%n  %s", text, this.actual);
        }
        return this;
    }

    /**
     * The branches were called in exactly this order, a retry of the same branch counting
     * once: names are the last segment of each URL, e.g.
     * {@code calledInOrder("TransOut", "TransIn")}.
     */
    public TransactionAssert calledInOrder(String... names) {
        isNotNull();
        List<String> called = new ArrayList<>();
        for (String name : this.actual.calledNames()) {
            if (called.isEmpty() || !called.get(called.size() - 1).equals(name)) {
                called.add(name);
            }
        }
        if (!called.equals(List.of(names))) {
            failWithMessage("Expected branch calls in order %s but they were %s in:%n  %s", List.of(names), called,
                    this.actual);
        }
        return this;
    }

    /** Every call, retries included, in order, by name. */
    public TransactionAssert hasCalls(String... names) {
        isNotNull();
        if (!this.actual.calledNames().equals(List.of(names))) {
            failWithMessage("Expected branch calls %s but they were %s in:%n  %s", List.of(names),
                    this.actual.calledNames(), this.actual);
        }
        return this;
    }

}
