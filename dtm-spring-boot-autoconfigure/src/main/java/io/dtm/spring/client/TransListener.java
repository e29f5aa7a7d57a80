package io.dtm.spring.client;

/**
 * Told when the coordinator accepted a global transaction's prepare, submit or abort sent
 * by this client. Runs on the calling thread, so it must be quick.
 */
@FunctionalInterface
public interface TransListener {

    /** What the coordinator accepted. */
    enum Outcome {

        /**
         * A prepare (tcc, xa, msg, workflow; a saga has none). A workflow prepares again
         * each time it runs.
         */
        BEGUN,

        SUBMITTED,

        ABORTED

    }

    void transaction(String transType, Outcome outcome);

}
