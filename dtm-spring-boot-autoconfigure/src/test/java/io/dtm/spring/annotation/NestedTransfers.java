package io.dtm.spring.annotation;

/**
 * A participant that is also an initiator: called while a TCC branch is handled, its
 * {@code @GlobalTcc} joins that transaction and its try becomes a nested branch.
 */
public class NestedTransfers {

    private final BankInClient bankIn;

    public NestedTransfers(BankInClient bankIn) {
        this.bankIn = bankIn;
    }

    @GlobalTcc
    public void depositAtOtherBank(Transfer transfer) {
        this.bankIn.tccDepositTry(transfer);
    }

    /** A saga started while a saga branch is handled: rejected. */
    @GlobalSaga
    public void nestedSaga(Transfer transfer) {
        this.bankIn.deposit(transfer);
    }

}
