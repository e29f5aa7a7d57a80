package io.dtm.spring.client;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.TransRequest;
import io.dtm.spring.context.DtmContextHolder;
import io.dtm.spring.context.DtmTransaction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs the initiator of a two-phase global transaction (TCC or XA): prepare, bind the
 * transaction so that the calls the body makes are its branches, then submit when the
 * body returns, or abort with the error text as rollback reason and rethrow when it
 * throws. Behind both {@link DtmClient#tccGlobal}/{@link DtmClient#xaGlobal} and the
 * {@code @GlobalTcc}/{@code @GlobalXa} annotations.
 */
public final class TwoPhaseInitiator {

    private static final Log log = LogFactory.getLog(TwoPhaseInitiator.class);

    private TwoPhaseInitiator() {
    }

    /**
     * Runs {@code body} as the initiator of {@code request}.
     * @param transaction bound while the body runs
     * @param duplicates what to answer when a caller-chosen gid turns out to be another
     * call's transaction; {@code null} when the gid is new
     * @return what the body returned, or the answer {@code duplicates} gave
     */
    public static @Nullable Object run(DtmClient dtm, TransRequest request, DtmTransaction transaction, Body body,
            @Nullable Duplicates duplicates) throws Throwable {
        try {
            dtm.prepare(request);
        }
        catch (DtmFailureException ex) {
            if (duplicates == null) {
                throw ex;
            }
            return duplicates.refused(ex);
        }
        if (duplicates != null) {
            Answer answer = duplicates.afterPrepare();
            if (answer != null) {
                return answer.value();
            }
        }
        Object result;
        DtmTransaction previous = DtmContextHolder.bind(transaction);
        try {
            result = body.run();
        }
        catch (Throwable ex) {
            request.setRollbackReason(String.valueOf(ex.getMessage()));
            log.info("dtm rollback gid=" + request.getGid() + " trans_type=" + request.getTransType() + ": "
                    + ex.getClass().getSimpleName());
            try {
                dtm.abort(request);
            }
            catch (RuntimeException abortError) {
                ex.addSuppressed(abortError);
            }
            throw ex;
        }
        finally {
            DtmContextHolder.restore(previous);
        }
        try {
            dtm.submit(request);
        }
        catch (DtmFailureException ex) {
            if (duplicates == null) {
                throw ex;
            }
            return duplicates.refused(ex);
        }
        return result;
    }

    /** The initiator's own work, run while the transaction is bound. */
    @FunctionalInterface
    public interface Body {

        @Nullable Object run() throws Throwable;

    }

    /**
     * How an initiator whose caller chose the gid answers when the coordinator already
     * knows it: a retried call learns the outcome of the transaction the first one
     * started instead of running again.
     */
    public interface Duplicates {

        /**
         * The coordinator refused the prepare or the submit with FAILURE: the answer for
         * the transaction another call started, or the refusal rethrown.
         */
        @Nullable Object refused(DtmFailureException refusal) throws Throwable;

        /**
         * After an accepted prepare: the answer if another call prepared this gid first
         * (a prepare of a prepared gid is accepted), or {@code null} to run the body.
         */
        @Nullable Answer afterPrepare();

    }

    /** An initiator's answer instead of running; {@code value} may be null. */
    public record Answer(@Nullable Object value) {

    }

}
