package io.dtm.spring.annotation;

/**
 * The body of the test bank's endpoints. {@code fail} forces an outcome of the action or
 * try: {@code FAILURE}, {@code ERROR_ONCE} (500 on the first attempt, then success) or
 * {@code CONFIRM_ERROR_ONCE} (the same for the confirm). {@code next} is the account of a
 * nested branch at the other bank.
 */
public record Transfer(int account, long amount, String fail, int next) {

    public static Transfer of(int account, long amount) {
        return new Transfer(account, amount, "", 0);
    }

    public Transfer fail(String fail) {
        return new Transfer(this.account, this.amount, fail, this.next);
    }

    public Transfer next(int next) {
        return new Transfer(this.account, this.amount, this.fail, next);
    }

}
