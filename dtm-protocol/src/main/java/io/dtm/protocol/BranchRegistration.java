package io.dtm.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code registerBranch}: a branch a TCC, XA or workflow transaction adds
 * while it is prepared. On the wire it is a flat object of strings ({@link #toWire()});
 * which of the optional fields a mode sends is given by the factories.
 *
 * @param gid the transaction's gid
 * @param transType the transaction's type
 * @param branchId the branch's id within the transaction
 * @param op a workflow branch's op, {@code null} for the other modes
 * @param status the branch's status as registered: {@code prepared} for TCC, the step's
 * outcome for a workflow, {@code null} for XA
 * @param url an XA branch's phase 2 URL
 * @param confirm a TCC branch's confirm URL
 * @param cancel a TCC branch's cancel URL
 * @param data the body of the branch's calls, or a workflow step's result
 */
public record BranchRegistration(String gid, TransType transType, String branchId, @Nullable String op,
        @Nullable TransStatus status, @Nullable String url, @Nullable String confirm, @Nullable String cancel,
        @Nullable String data) {

    public BranchRegistration {
        Objects.requireNonNull(transType, "transType");
    }

    /** A TCC branch after its try was decided to run: confirm and cancel URLs. */
    public static BranchRegistration tcc(String gid, String branchId, String confirm, String cancel, String data) {
        return new BranchRegistration(gid, TransType.TCC, branchId, null, TransStatus.PREPARED, null, confirm, cancel,
                data);
    }

    /** An XA branch prepared locally: the URL of its phase 2. */
    public static BranchRegistration xa(String gid, String branchId, String url) {
        return new BranchRegistration(gid, TransType.XA, branchId, null, null, url, null, null, null);
    }

    /** The recorded outcome of a workflow step. */
    public static BranchRegistration workflow(String gid, String branchId, String op, TransStatus status, String data) {
        return new BranchRegistration(gid, TransType.WORKFLOW, branchId, op, status, null, null, null, data);
    }

    /**
     * The body as dtm sends it: the fields that are set, {@code data} always (empty when
     * there is none).
     */
    public Map<String, String> toWire() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("gid", this.gid);
        body.put("trans_type", this.transType.wireName());
        body.put("branch_id", this.branchId);
        putIfSet(body, "op", this.op);
        putIfSet(body, "status", WireWord.nameOf(this.status));
        putIfSet(body, "url", this.url);
        putIfSet(body, "confirm", this.confirm);
        putIfSet(body, "cancel", this.cancel);
        body.put("data", (this.data != null) ? this.data : "");
        return body;
    }

    private static void putIfSet(Map<String, String> body, String key, String value) {
        if (value != null) {
            body.put(key, value);
        }
    }

}
