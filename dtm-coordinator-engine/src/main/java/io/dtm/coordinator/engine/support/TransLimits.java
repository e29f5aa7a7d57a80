package io.dtm.coordinator.engine.support;

/**
 * Caps on what requests can multiply inside the coordinator (see
 * {@code dtm.coordinator.limits.*} and docs/security.md): a request over one is refused
 * with 400 naming the setting, and stores nothing.
 *
 * @param maxSubscribersPerTopic most URLs subscribed to one msg topic
 * @param maxBranches most branch rows of one transaction: the steps of a saga or msg
 * after topic fan-out, or the rows registered to a TCC, XA or workflow transaction
 * @param maxTransactionBytes most branch data bytes (payloads, registered data) of one
 * transaction, counted per branch row
 */
public record TransLimits(int maxSubscribersPerTopic, int maxBranches, long maxTransactionBytes) {

    public TransLimits {
        if (maxSubscribersPerTopic < 1) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.limits.max-subscribers-per-topic must be at least 1, got "
                            + maxSubscribersPerTopic);
        }
        if (maxBranches < 2) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.limits.max-branches must be at least 2, got " + maxBranches);
        }
        if (maxTransactionBytes < 1024) {
            throw new IllegalArgumentException("dtm.coordinator.limits.max-transaction-size must be at least 1KB, got "
                    + maxTransactionBytes + " bytes");
        }
    }

    public static TransLimits defaults() {
        return new TransLimits(100, 2000, 8L * 1024 * 1024);
    }

    /**
     * Refuses a transaction that would hold more branch rows or data bytes than allowed.
     * @param what what would hold them, for the message
     */
    public void check(String what, long branches, long bytes) {
        if (branches > maxBranches) {
            throw new TransLimitException(what + " would have " + branches + " branches; at most " + maxBranches
                    + " are allowed (dtm.coordinator.limits.max-branches)");
        }
        if (bytes > maxTransactionBytes) {
            throw new TransLimitException(what + " would hold " + bytes + " bytes of branch data; at most "
                    + maxTransactionBytes + " are allowed (dtm.coordinator.limits.max-transaction-size)");
        }
    }

    /** A request over one of the {@link TransLimits}; nothing was stored. */
    public static class TransLimitException extends InvalidRequestException {

        public TransLimitException(String message) {
            super(message);
        }

    }

}
