package io.dtm.test;

/**
 * Entry point of the kit's assertions:
 * {@code assertThat(dtm.transaction(gid)).succeeded()}.
 */
public final class DtmAssertions {

    private DtmAssertions() {
    }

    public static TransactionAssert assertThat(RecordedTransaction transaction) {
        return new TransactionAssert(transaction);
    }

}
