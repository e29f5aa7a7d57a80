package io.dtm.test.bank;

/** The body of a branch call: which account, how much. */
public record Move(int account, long amount) {

}
