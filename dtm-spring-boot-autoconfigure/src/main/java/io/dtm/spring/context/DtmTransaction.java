package io.dtm.spring.context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The global transaction bound to the current thread: the query parameters dtm passes to
 * a branch ({@code gid}, {@code trans_type}, {@code branch_id}, {@code op}) plus the
 * coordinator URL ({@code dtm}). Outbound calls made while it is bound become
 * sub-branches of {@link #branchId()}.
 */
public final class DtmTransaction {

    public static final String GID = "gid";

    public static final String TRANS_TYPE = "trans_type";

    public static final String BRANCH_ID = "branch_id";

    public static final String OP = "op";

    public static final String DTM = "dtm";

    private final String gid;

    private final String transType;

    private final String branchId;

    private final String op;

    private final String dtm;

    private final BranchIdGenerator branchIds;

    private final AtomicInteger barrierIds = new AtomicInteger();

    public DtmTransaction(String gid, String transType, @Nullable String branchId, @Nullable String op,
            @Nullable String dtm) {
        this.gid = gid;
        this.transType = transType;
        this.branchId = (branchId != null) ? branchId : "";
        this.op = (op != null) ? op : "";
        this.dtm = (dtm != null) ? dtm : "";
        this.branchIds = new BranchIdGenerator(this.branchId);
    }

    /**
     * Reads the transaction from dtm's query parameters, or returns {@code null} when
     * {@code gid} or {@code trans_type} is missing.
     */
    public static @Nullable DtmTransaction fromParameters(Map<String, String> params) {
        String gid = params.get(GID);
        String transType = params.get(TRANS_TYPE);
        if (!StringUtils.hasText(gid) || !StringUtils.hasText(transType)) {
            return null;
        }
        return new DtmTransaction(gid, transType, params.get(BRANCH_ID), params.get(OP), params.get(DTM));
    }

    public String gid() {
        return this.gid;
    }

    public String transType() {
        return this.transType;
    }

    public String branchId() {
        return this.branchId;
    }

    public String op() {
        return this.op;
    }

    public String dtm() {
        return this.dtm;
    }

    public BranchIdGenerator branchIds() {
        return this.branchIds;
    }

    /**
     * The barrier ids of this request handler: {@code 01} for its first barrier call,
     * then {@code 02}...
     */
    public String nextBarrierId() {
        return String.format("%02d", this.barrierIds.incrementAndGet());
    }

    /** A copy with another op, sharing nothing but the identifiers. */
    public DtmTransaction withOp(String op) {
        return new DtmTransaction(this.gid, this.transType, this.branchId, op, this.dtm);
    }

    /**
     * The query parameters for a call made as sub-branch {@code branchId} with
     * {@code op}.
     */
    public Map<String, String> queryParams(String branchId, String op) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(GID, this.gid);
        params.put(TRANS_TYPE, this.transType);
        params.put(BRANCH_ID, branchId);
        params.put(OP, op);
        if (StringUtils.hasText(this.dtm)) {
            params.put(DTM, this.dtm);
        }
        return params;
    }

    /**
     * The query parameters an outbound call carries: a new sub-branch of this branch, the
     * same op.
     */
    public Map<String, String> nextOutboundParams() {
        return queryParams(this.branchIds.next(), this.op);
    }

    @Override
    public String toString() {
        return "DtmTransaction[gid=" + this.gid + ", trans_type=" + this.transType + ", branch_id=" + this.branchId
                + ", op=" + this.op + "]";
    }

}
