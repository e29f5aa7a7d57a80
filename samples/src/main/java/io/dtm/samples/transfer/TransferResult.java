package io.dtm.samples.transfer;

import java.util.List;
import java.util.Map;

import io.dtm.samples.bank.CallLog;

/**
 * What one sample transfer did.
 *
 * @param mode the transaction mode
 * @param forcedFailure whether a branch was forced to answer FAILURE
 * @param gid the global transaction id ({@code null} if skipped)
 * @param status the final global status: {@code succeed} or {@code failed};
 * {@value #SKIPPED} if not run, {@value #NEVER_SENT} if the coordinator never heard of it
 * @param calls the bank calls in arrival order
 * @param before balances before, by account
 * @param after balances after, by account
 * @param trading sum of trading balances after (0 when nothing is left reserved)
 * @param initiatorError what the initiator's call threw ({@code null} if it returned
 * normally)
 * @param note why it was skipped, or other remark
 */
public record TransferResult(Mode mode, boolean forcedFailure, String gid, String status, List<CallLog.Call> calls,
        Map<Integer, Long> before, Map<Integer, Long> after, long trading, String initiatorError, String note) {

    public static final String SKIPPED = "skipped";

    /**
     * The status of a transaction the coordinator never heard of: a message whose local
     * transaction failed.
     */
    public static final String NEVER_SENT = "never sent";

    public boolean skipped() {
        return SKIPPED.equals(this.status);
    }

    /**
     * The expected end: success moves the amount and succeeds; a forced failure changes
     * nothing and fails.
     */
    public boolean asExpected(long amount) {
        if (skipped()) {
            return true;
        }
        boolean statusOk = this.forcedFailure
                ? "failed".equals(this.status) || (this.mode == Mode.MSG && NEVER_SENT.equals(this.status))
                : "succeed".equals(this.status);
        long moved = this.forcedFailure ? 0 : amount;
        boolean balancesOk = this.after.get(1) == this.before.get(1) - moved
                && this.after.get(2) == this.before.get(2) + moved;
        return statusOk && balancesOk && this.trading == 0;
    }

    /** Names of the calls in order, e.g. {@code [TransOut, TransIn]}. */
    public List<String> callNames() {
        return this.calls.stream().map(CallLog.Call::name).toList();
    }

}
