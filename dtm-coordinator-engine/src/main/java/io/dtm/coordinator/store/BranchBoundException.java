package io.dtm.coordinator.store;

/**
 * An append refused because the transaction would then hold more branch rows or data
 * bytes than its {@link TransStore.BranchBound}; nothing was appended.
 */
public class BranchBoundException extends RuntimeException {

    private final TransStore.BranchTotals stored;

    /**
     * @param stored the transaction's totals when the append was refused, without the
     * refused rows
     */
    public BranchBoundException(String message, TransStore.BranchTotals stored) {
        super(message);
        this.stored = stored;
    }

    public TransStore.BranchTotals stored() {
        return this.stored;
    }

}
