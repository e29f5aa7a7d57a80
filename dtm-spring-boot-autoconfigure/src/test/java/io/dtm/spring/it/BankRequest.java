package io.dtm.spring.it;

/**
 * Body of the test bank's endpoints. {@code result} forces an outcome: FAILURE, ONGOING
 * or ERROR.
 */
public record BankRequest(long amount, int account, String result, String next) {

    public static BankRequest of(long amount) {
        return new BankRequest(amount, 1, "", null);
    }

    public BankRequest account(int account) {
        return new BankRequest(this.amount, account, this.result, this.next);
    }

    public BankRequest result(String result) {
        return new BankRequest(this.amount, this.account, result, this.next);
    }

    public BankRequest next(String next) {
        return new BankRequest(this.amount, this.account, this.result, next);
    }

}
