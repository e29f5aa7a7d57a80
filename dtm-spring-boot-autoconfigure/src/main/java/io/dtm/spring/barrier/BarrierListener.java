package io.dtm.spring.barrier;

/**
 * Told what a branch barrier decided for each branch operation it guarded. Runs inside
 * the barrier's local transaction, so it must be quick.
 */
@FunctionalInterface
public interface BarrierListener {

    /** What the barrier decided. */
    enum Outcome {

        /** The business ran. */
        APPLIED,

        /** The operation ran before: skipped. */
        DUPLICATE,

        /** A compensation whose original never ran: nothing to undo, skipped. */
        EMPTY_COMPENSATION,

        /**
         * An original that arrived after its compensation: refused, so it cannot hang.
         */
        HANGING_REFUSED

    }

    void decided(String op, Outcome outcome);

}
