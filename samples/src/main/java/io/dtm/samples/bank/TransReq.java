package io.dtm.samples.bank;

/**
 * The body of every bank call, as in dtm's quick start: the amount, and what TransIn /
 * TransOut should answer ({@code ""} or {@code "SUCCESS"} to do their work,
 * {@code "FAILURE"} to refuse it, which rolls the global transaction back).
 */
public record TransReq(long amount, String transInResult, String transOutResult) {

    public static TransReq of(long amount) {
        return new TransReq(amount, "", "");
    }

    /**
     * The same transfer with TransIn forced to answer FAILURE (dtm's
     * {@code TransInResult: "FAILURE"}).
     */
    public TransReq failingTransIn() {
        return new TransReq(this.amount, "FAILURE", this.transOutResult);
    }

    /** The same transfer with TransOut forced to answer FAILURE. */
    public TransReq failingTransOut() {
        return new TransReq(this.amount, this.transInResult, "FAILURE");
    }

}
