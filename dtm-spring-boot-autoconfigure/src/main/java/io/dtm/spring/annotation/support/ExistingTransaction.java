package io.dtm.spring.annotation.support;

import java.lang.reflect.Method;
import java.util.UUID;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.TransStatus;
import io.dtm.spring.annotation.DtmDuplicateTransactionException;
import io.dtm.spring.client.DtmClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A transaction the coordinator already knows under the gid an initiator call chose, and
 * what that call answers for it instead of running again: a caller that retries with the
 * same business key learns the outcome of the transaction it started first.
 * <p>
 * Two calls may choose the same gid at the same moment, so asking before the start is not
 * enough; what the coordinator does with the second start decides, and each initiator
 * maps it to the same answers. A saga's second submit is accepted while the first is
 * unfinished (its steps are the first's; the second call's are dropped) and refused with
 * FAILURE once it finished. A TCC or XA prepare of a prepared gid is accepted, so each
 * prepare carries a {@linkplain #newClaim() claim} in {@code custom_data}, which the
 * coordinator keeps from the first prepare only: the call whose claim is not stored did
 * not start the transaction and does not run. Two messages of the same gid meet at their
 * barrier row, which the second finds taken once the first committed.
 */
final class ExistingTransaction {

    private static final String CLAIM_FIELD = "initiator";

    private final String gid;

    private final String transType;

    private final String status;

    private final String rollbackReason;

    private final String customData;

    private ExistingTransaction(String gid, JsonNode global) {
        this.gid = gid;
        this.transType = global.path("trans_type").asString("");
        this.status = global.path("status").asString("");
        this.rollbackReason = global.path("rollback_reason").asString("");
        this.customData = global.path("custom_data").asString("");
    }

    /** The transaction stored under {@code gid}, or {@code null} if there is none. */
    static @Nullable ExistingTransaction find(DtmClient dtm, String gid) {
        JsonNode global = dtm.query(gid).path("transaction");
        return global.isObject() ? new ExistingTransaction(gid, global) : null;
    }

    /**
     * After the coordinator refused the start or submit of a caller-chosen gid with
     * FAILURE: the answer for the transaction another call started under it, or the
     * refusal itself if there is none or it is this call's own transaction that failed.
     */
    static Object answerRefusal(DtmClient dtm, String gid, RuntimeException refusal, String transType, Method method,
            String initiator) {
        ExistingTransaction existing;
        try {
            existing = find(dtm, gid);
        }
        catch (RuntimeException ex) {
            refusal.addSuppressed(ex);
            throw refusal;
        }
        if (existing == null || (TransStatus.FAILED.is(existing.status) && existing.transType.equals(transType))) {
            throw refusal;
        }
        return existing.answer(transType, method, initiator);
    }

    /** A claim for a prepare: {@code custom_data} naming this start. */
    static String newClaim() {
        return "{\"" + CLAIM_FIELD + "\":\"" + UUID.randomUUID() + "\"}";
    }

    /** Whether the stored transaction was prepared with {@code claim}. */
    boolean claimedBy(String claim) {
        return this.customData.equals(claim);
    }

    /**
     * What the call answers instead of running: normal return ({@code null}) if the
     * transaction succeeded and the method returns nothing, else an exception.
     * @param transType the type the call would have started
     * @param method the initiator method
     * @param initiator e.g. "the @GlobalSaga X.y()", for the messages
     */
    Object answer(String transType, Method method, String initiator) {
        if (!this.transType.equals(transType)) {
            throw new DtmDuplicateTransactionException(
                    initiator + " was not run: its gid " + this.gid + " belongs to a " + this.transType
                            + " transaction, not a " + transType
                            + " one. Derive the gids of different operations from different keys.",
                    this.gid, this.status);
        }
        if (TransStatus.SUCCEED.is(this.status)) {
            if (method.getReturnType() == void.class) {
                return null;
            }
            throw new DtmDuplicateTransactionException(
                    initiator + " was not run again: the transaction with gid " + this.gid
                            + " already succeeded, but the value the method returned then is not known.",
                    this.gid, this.status);
        }
        if (TransStatus.FAILED.is(this.status)) {
            throw new DtmFailureException(initiator + " was not run again: the transaction with gid " + this.gid
                    + " already failed" + (this.rollbackReason.isEmpty() ? "" : " (" + this.rollbackReason + ")")
                    + ". A gid is used once: to try again, start a new transaction with a new key.");
        }
        throw new DtmOngoingException(initiator + " was not run again: the transaction with gid " + this.gid
                + " is still running (" + this.status + ") and will complete on its own, so do not start it again. "
                + "Call again with the same key later to learn its outcome.");
    }

}
